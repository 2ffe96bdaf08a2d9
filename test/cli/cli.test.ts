import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main, parseArgs, USAGE } from "../../src/cli/cli.ts";
import { PROGRESS_LINE } from "../../src/cli/progress-log.ts";
import {
  copyDataset,
  expectBuilt,
  FIXTURES,
  huanjie,
  huanjieInProcess,
  parquet,
  type Run,
  tempDir,
  withoutProgress,
} from "../helpers/cli.ts";

const TINY = join(FIXTURES, "datasets", "tiny");
/** The (fictional) ID numbers of the tiny fixture's rosters, and their birth dates in two spellings. */
const IDS = [
  ...new Set(
    ["roster-2018.csv", "roster-2021.csv"].flatMap(
      (f) => readFileSync(join(TINY, f), "utf8").match(/\b\d{17}[\dX]\b/g) ?? [],
    ),
  ),
];
const BIRTHS = IDS.flatMap((id) => [
  id.slice(6, 14),
  `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
]);

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

describe("huanjie build on the tiny fixture", () => {
  const out = join(tempDir(), "out");
  let run: Run;
  beforeAll(() => {
    run = huanjie(["build", TINY, "--out", out]);
  });

  it("exits 0 and prints the reconciliation report", () => {
    expectBuilt(run);
    expect(run.stdout).toContain("数据集:测试县");
    expect(run.stdout).toMatch(/roster-2021\.csv\s+13\s+5\s+3\s+5/);
    expect(run.stdout).toMatch(/units\.csv\s+7\s+3\s+0\s+4/);
    expect(run.stdout).toContain("members.parquet");
  });

  it("leaves nothing beside OUT_DIR: no lock, staging or spill folder", () => {
    expect(readdirSync(dirname(out))).toEqual(["out"]);
  });

  it("writes members with combined positions split and ages at the reference date", async () => {
    const rows = await parquet<{
      name: string;
      body: string;
      position: string;
      age: number;
      education: string;
      gender: string;
    }>(
      join(out, "members.parquet"),
      "name, body, position, age, education, gender",
      "WHERE term = 2021 ORDER BY name, body",
    );
    expect(rows.map((r) => `${r.name} ${r.body} ${r.position} ${r.age}`)).toEqual([
      "孙七 party secretary 45",
      "张三 committee chair 40",
      "张三 party secretary 40",
      "李四 party deputy_secretary 28",
      "王五 committee member 56",
      "赵六 committee member 32",
      "赵六 party member 32",
    ]);
    expect(rows.find((r) => r.name === "张三")?.education).toBe("college");
    expect(rows.find((r) => r.name === "赵六")?.gender).toBe("F");
  });

  it("locates every reject and warning, with a suggestion for an unknown unit", async () => {
    const rejects = await parquet<{ rule: string; source_row: number; message: string }>(
      join(out, "rejects.parquet"),
      "rule, source_row, message",
      "ORDER BY source_row",
    );
    expect(rejects.map((r) => `${r.source_row} ${r.rule}`)).toEqual([
      "8 duplicate_membership",
      "10 unknown_unit",
      "12 missing_name",
    ]);
    expect(rejects[1]?.message).toContain("盛乐村");
    const warnings = await parquet<{ rule: string; value: string; source_row: number }>(
      join(out, "warnings.parquet"),
      "rule, value, source_row",
    );
    const rules = warnings.map((w) => w.rule);
    expect(rules).toEqual(
      expect.arrayContaining(["first_secretary", "invalid_id", "unknown_education", "id_gender_mismatch"]),
    );
    expect(warnings.find((w) => w.rule === "invalid_id")?.value).toBe("150123********0510");
  });

  it("counts the unknowns behind each share for the data-quality page", async () => {
    const rows = await parquet<{ body: string; metric: string; unknown: number; base: number }>(
      join(out, "metrics", "unknowns.parquet"),
      "body, metric, unknown, base",
      "WHERE term = 2021 AND scope = 'county' AND unknown > 0 ORDER BY body, metric",
    );
    // 赵六's education (扫盲班) is unknown: one person of each base, in both education shares.
    expect(rows.map((r) => `${r.body} ${r.metric} ${r.unknown}/${r.base}`)).toEqual([
      "both college_plus 1/5",
      "both high_school_plus 1/5",
      "committee college_plus 1/3",
      "committee high_school_plus 1/3",
      "party college_plus 1/4",
      "party high_school_plus 1/4",
    ]);
  });

  it("accounts for every row in manifest.json", () => {
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    for (const f of manifest.files) expect(f.read).toBe(f.accepted + f.rejected + f.skipped);
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([
      "units.csv",
      "roster-2018.csv",
      "roster-2021.csv",
    ]);
    expect(manifest.tables.length).toBeGreaterThanOrEqual(7);
  });

  it("writes the runtime tables terms and target_rules, listed in manifest.json with the level", async () => {
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.level).toBe("county");
    const paths = manifest.tables.map((t: { path: string }) => t.path);
    expect(paths.slice(0, 9)).toEqual(
      [
        ...["units", "members", "elections", "ballots", "candidates", "rejects", "warnings"],
        ...["terms", "target_rules"],
      ].map((n) => `${n}.parquet`),
    );
    expect(await parquet(join(out, "terms.parquet"), "term, reference_date")).toEqual([
      { term: 2018, reference_date: "2018-06-30" },
      { term: 2021, reference_date: "2021-01-16" },
    ]);
    expect(await parquet(join(out, "target_rules.parquet"))).toEqual([]); // the fixture has no targets.yaml
  });

  it("never writes an ID number or a full birth date", () => {
    expect(IDS).toHaveLength(6); // five valid IDs and one with a wrong check digit: none may leak
    for (const file of allFiles(out)) {
      const bytes = readFileSync(file).toString("latin1") + readFileSync(file, "utf8");
      for (const s of [...IDS, ...BIRTHS]) expect(bytes.includes(s), `${s} in ${file}`).toBe(false);
    }
    for (const s of IDS) expect(run.stdout + run.stderr).not.toContain(s);
  });

  it("gives byte-identical output on a second run", () => {
    const again = join(tempDir(), "out");
    expect(huanjie(["build", TINY, "--out", again]).status).toBe(0);
    const a = allFiles(out)
      .map((f) => f.slice(out.length))
      .sort();
    expect(
      allFiles(again)
        .map((f) => f.slice(again.length))
        .sort(),
    ).toEqual(a);
    for (const rel of a)
      expect(readFileSync(join(again, rel)).equals(readFileSync(join(out, rel))), rel).toBe(true);
  });

  it("--strict exits 1 and leaves the output folder untouched", () => {
    const before = readFileSync(join(out, "manifest.json"));
    const r = huanjie(["build", TINY, "--out", out, "--strict"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("--strict");
    expect(readFileSync(join(out, "manifest.json")).equals(before)).toBe(true);
  });
});

describe("huanjie build on a units file that names a unit twice", () => {
  it("keeps the first and rejects the second at its own row", async () => {
    const d = copyDataset("tiny");
    const units = readFileSync(join(d, "units.csv"), "utf8").replace(
      "合计,3个,,,\n",
      "城关镇,城关村,村,150123100009,否\n",
    );
    writeFileSync(join(d, "units.csv"), units);
    const out = join(tempDir(), "out");
    expect((await huanjieInProcess(["build", d, "--out", out])).status).toBe(0);
    const rejects = await parquet<{ source_file: string; source_row: number; rule: string }>(
      join(out, "rejects.parquet"),
      "source_file, source_row, rule",
      "WHERE rule = 'duplicate_unit'",
    );
    expect(rejects).toEqual([{ source_file: "units.csv", source_row: 7, rule: "duplicate_unit" }]);
    expect((await parquet(join(out, "units.parquet"))).length).toBe(3);
  });
});

describe("huanjie build under too low a memory limit", () => {
  it("exits 4 with a message naming --memory-limit, not an internal error, and writes nothing", async () => {
    const out = join(tempDir(), "out");
    const r = await huanjieInProcess(["build", TINY, "--out", out, "--memory-limit", "1MB"]);
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/内存上限 1MB 内未能完成.*--memory-limit/);
    expect(r.stderr).not.toMatch(/内部错误/);
    expect(withoutProgress(r.stderr).trim().split("\n")).toHaveLength(2); // the message and "未写入任何文件。"
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dirname(out))).toEqual([]); // no lock, staging or spill folder left
  });
});

describe("huanjie build on broken datasets", () => {
  async function expectFatal(dataset: string, pattern: RegExp) {
    const out = join(tempDir(), "out");
    const r = await huanjieInProcess(["build", dataset, "--out", out]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(withoutProgress(r.stderr).trim().split("\n")).toHaveLength(2); // the message and "未写入任何文件。"
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
    expect(existsSync(out)).toBe(false);
  }

  it("a missing manifest", async () => {
    const d = copyDataset("tiny");
    rmSync(join(d, "dataset.yaml"));
    await expectFatal(d, /dataset\.yaml: 缺少数据集清单/);
  });

  it("an unknown manifest key", async () => {
    const d = copyDataset("tiny");
    writeFileSync(
      join(d, "dataset.yaml"),
      readFileSync(join(d, "dataset.yaml"), "utf8").replace("units:", "unitz: x\nunits:"),
    );
    await expectFatal(d, /dataset\.yaml: .*未知的键 unitz/);
  });

  it("invalid YAML", async () => {
    const d = copyDataset("tiny");
    writeFileSync(join(d, "dataset.yaml"), "name: [unclosed\n");
    await expectFatal(d, /dataset\.yaml: 不是有效的 YAML/);
  });

  it("a listed file that is missing", async () => {
    const d = copyDataset("tiny");
    rmSync(join(d, "roster-2018.csv"));
    await expectFatal(d, /roster-2018\.csv: 清单中列出的文件不存在/);
  });

  it("a path outside the dataset folder", async () => {
    const d = copyDataset("tiny");
    writeFileSync(
      join(d, "dataset.yaml"),
      readFileSync(join(d, "dataset.yaml"), "utf8").replace("units: units.csv", "units: ../units.csv"),
    );
    await expectFatal(d, /超出了数据集文件夹/);
  });

  it("a symbolic link leaving the dataset folder", async () => {
    const d = copyDataset("tiny");
    const outside = join(tempDir(), "units.csv");
    writeFileSync(outside, readFileSync(join(d, "units.csv")));
    rmSync(join(d, "units.csv"));
    symlinkSync(outside, join(d, "units.csv"));
    await expectFatal(d, /符号链接/);
  });

  it("a required column absent", async () => {
    const d = copyDataset("tiny");
    const text = readFileSync(join(d, "roster-2018.csv"), "utf8").replace("姓名", "名字");
    writeFileSync(join(d, "roster-2018.csv"), text);
    await expectFatal(d, /roster-2018\.csv: .*缺少必需的列 "姓名"/);
  });

  it("an empty file", async () => {
    const d = copyDataset("tiny");
    writeFileSync(join(d, "roster-2018.csv"), "");
    await expectFatal(d, /roster-2018\.csv: /);
  });

  it("garbage bytes", async () => {
    const d = copyDataset("tiny");
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    writeFileSync(join(d, "roster-2018.csv"), bytes);
    await expectFatal(d, /roster-2018\.csv: /);
  });

  it("no recognisable header", async () => {
    const d = copyDataset("tiny");
    writeFileSync(join(d, "roster-2018.csv"), "a,b,c\n1,2,3\n");
    await expectFatal(d, /roster-2018\.csv: 未找到表头/);
  });

  it("a key that is too short", async () => {
    const out = join(tempDir(), "out");
    const r = await huanjieInProcess(["build", TINY, "--out", out], { HUANJIE_KEY: "short" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/太短/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("huanjie build without a configured key", () => {
  it("creates a private key file for the user once, says so, and reuses it", async () => {
    const home = tempDir();
    const env = { HUANJIE_KEY: "", HOME: home };
    const first = await huanjieInProcess(["build", TINY, "--out", join(home, "a")], env);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain(join(home, ".config", "huanjie", "key"));
    const second = await huanjieInProcess(["build", TINY, "--out", join(home, "b")], env);
    expectBuilt(second);
    expect(
      readFileSync(join(home, "b", "members.parquet")).equals(
        readFileSync(join(home, "a", "members.parquet")),
      ),
    ).toBe(true);
  });
});

describe("huanjie build in a log (stderr not a terminal)", () => {
  /** Build the tiny fixture in-process; `clock` steps by `step` ms a call; stderr a terminal or not. */
  async function run(out: string, step: number, options: { tty?: boolean; quiet?: boolean } = {}) {
    let now = 0;
    let stderr = "";
    const status = await main(["build", TINY, "--out", out, ...(options.quiet ? ["--quiet"] : [])], {
      stdout: { write: () => true },
      stderr: { write: (t: string) => (stderr += t), isTTY: options.tty },
      env: { TZ: "UTC", HUANJIE_KEY: "test-key-not-secret-0123456789" },
      cwd: process.cwd(),
      clock: () => (now += step),
    });
    expect(status).toBe(0);
    return stderr;
  }
  const contents = (dir: string) =>
    Object.fromEntries(allFiles(dir).map((f) => [f.slice(dir.length), readFileSync(f).toString("base64")]));

  it("prints a line per file and per stage with rows and rows/s; the clock changes no output byte", async () => {
    const [a, b] = [join(tempDir(), "out"), join(tempDir(), "out")];
    const slow = await run(a, 1000);
    const fast = await run(b, 3);
    const manifest = JSON.parse(readFileSync(join(a, "manifest.json"), "utf8"));
    const lines = slow.trimEnd().split("\n");
    for (const line of lines) expect(line).toMatch(PROGRESS_LINE);
    // Every input file, in the order read, with its rows read: timed by two clock calls 1000 ms apart.
    expect(lines.filter((l) => !l.startsWith("阶段"))).toEqual(
      manifest.files.map(
        (f: { path: string; read: number }) => `读取 ${f.path}:${f.read} 行,1.0 秒,${f.read} 行/秒`,
      ),
    );
    const read = manifest.files.reduce((n: number, f: { read: number }) => n + f.read, 0);
    const written = manifest.tables.reduce((n: number, t: { rows: number }) => n + t.rows, 0);
    const stages = lines.filter((l) => l.startsWith("阶段"));
    expect(stages.map((l) => l.replace(/:.*/, ""))).toEqual([
      "阶段 读取",
      "阶段 载入",
      "阶段 计算指标",
      "阶段 写出",
    ]);
    expect(stages[0]).toMatch(new RegExp(`^阶段 读取:${read} 行,`));
    expect(stages[3]).toMatch(new RegExp(`^阶段 写出:${written.toLocaleString("en-US")} 行,`));
    expect(fast.split("\n").length).toBe(slow.split("\n").length);
    expect(fast).not.toBe(slow);
    expect(contents(b)).toEqual(contents(a));
  });

  it("stays quiet with --quiet, and on a terminal keeps to the overwritten progress line", async () => {
    expect(await run(join(tempDir(), "out"), 1, { quiet: true })).toBe("");
    const tty = await run(join(tempDir(), "out"), 1, { tty: true });
    const ESC = String.fromCharCode(27);
    expect(tty.split(/[\r\n]/).filter((l) => PROGRESS_LINE.test(l.replace(`${ESC}[K`, "")))).toEqual([]);
  });
});

describe("parseArgs", () => {
  it("reads the build command", () => {
    expect(parseArgs(["build", "d", "--out", "o", "--strict", "--as-of", "2021-01-16"])).toEqual({
      dataset: "d",
      out: "o",
      strict: true,
      asOf: "2021-01-16",
      quiet: false,
    });
  });
  it("refuses unknown options, missing values and impossible dates", () => {
    expect(parseArgs(["build", "d"])).toEqual({ error: "缺少 --out OUT_DIR" });
    expect(parseArgs(["build", "d", "--out", "o", "--bogus"])).toEqual({ error: "未知的选项 --bogus" });
    expect(parseArgs(["build", "d", "--out", "o", "--as-of", "2021-02-30"])).toHaveProperty("error");
    expect(parseArgs(["frobnicate"])).toHaveProperty("error");
  });
  it("reads --memory-limit in MB or GB and refuses a size without a unit", () => {
    expect(parseArgs(["build", "d", "--out", "o", "--memory-limit", "1500mb"])).toHaveProperty(
      "memoryLimit",
      "1500MB",
    );
    expect(parseArgs(["build", "d", "--out", "o", "--memory-limit=3GiB"])).toHaveProperty(
      "memoryLimit",
      "3GiB",
    );
    expect(parseArgs(["build", "d", "--out", "o", "--memory-limit", "2048"])).toEqual({
      error: "--memory-limit 应为带单位的正整数,如 2GB 或 1500MB,而不是 2048",
    });
    expect(parseArgs(["build", "d", "--out", "o", "--memory-limit", "0GB"])).toHaveProperty("error");
  });
});

describe("parseArgs (node:util)", () => {
  const base = { dataset: "d", out: "o", strict: false, asOf: null, quiet: false };
  it("takes --name=value and --name value alike, and -- before a dataset folder named like an option", () => {
    expect(parseArgs(["build", "--out=o", "d", "--as-of=2021-01-16", "--quiet"])).toEqual({
      ...base,
      asOf: "2021-01-16",
      quiet: true,
    });
    expect(parseArgs(["build", "--max-rows", "7", "--max-file-mb=2", "--out", "o", "d"])).toEqual({
      ...base,
      limits: { maxRows: 7, maxFileBytes: 2 * 1024 * 1024 },
    });
    expect(parseArgs(["build", "--out", "o", "--", "-d"])).toEqual({ ...base, dataset: "-d" });
  });
  it("keeps its messages: a missing value, an option as a value, a surplus argument, a flag given a value", () => {
    expect(parseArgs(["build", "d", "--out"])).toEqual({ error: "--out 需要一个值" });
    expect(parseArgs(["build", "d", "--out", "--strict"])).toEqual({ error: "--out 需要一个值" });
    expect(parseArgs(["build", "d", "e", "--out", "o"])).toEqual({ error: "多余的参数 e" });
    expect(parseArgs(["build", "d", "--out", "o", "--strict=yes"])).toEqual({
      error: "未知的选项 --strict=yes",
    });
    expect(parseArgs(["build", "d", "--out", "o", "-xyz"])).toEqual({ error: "未知的选项 -xyz" });
    expect(parseArgs(["build", "d", "--out", "o", "--max-rows", "-5"])).toEqual({
      error: "--max-rows 应为正整数,而不是 -5",
    });
    expect(parseArgs(["build", "d", "--out="])).toEqual({ error: "缺少 --out OUT_DIR" });
    expect(parseArgs([])).toEqual({ error: "缺少命令" });
  });
});

describe("exit statuses from the errors' exitCode", () => {
  it("a build refused by another build's lock exits 3 in-process, with one line", async () => {
    const out = join(tempDir(), "out");
    writeFileSync(`${out}.lock`, `${process.ppid} another-build\n`); // a live process other than this one
    const r = await huanjieInProcess(["build", TINY, "--out", out]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(`错误:另一个构建(进程 ${process.ppid})正在写入 out,请等它结束后再试\n`);
    expect(existsSync(out)).toBe(false);
  });
});

describe("help", () => {
  it.each([["--help"], ["-h"], ["build", "--help"], ["build", "data/sample", "-h"], ["combine", "--help"]])(
    "huanjie %s prints the usage and exits 0, building nothing",
    async (...args) => {
      const r = await huanjieInProcess(args);
      expect(r).toEqual({ status: 0, stdout: USAGE, stderr: "" });
    },
  );

  it("a --help after -- is a positional argument, not a request for help", async () => {
    const r = await huanjieInProcess(["build", "--out", "x", "--", "--help"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
  });
});
