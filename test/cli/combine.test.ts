/**
 * `huanjie combine` end to end with the real command: counties built from
 * small datasets (the tiny fixture under other names and unit codes), then
 * combined. Every refusal with its exit status and message; the order of
 * the inputs changes no byte; a person in two counties counts once; the
 * county, township and unit rows of the combined warehouse equal each
 * county's own.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { huanjie, huanjieInProcess, parquet, type Run, tempDir, withoutProgress } from "../helpers/cli.ts";
import { tinyCounty } from "../helpers/combine.ts";
import { expectCountyPart } from "../helpers/levels.ts";

const TARGETS = `targets:
  - id: woman_member
    label: 每个村两委至少一名女性
    body: both
    count: { gender: F }
    at_least: 1
    goal: 100
`;

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!d.isFile()) continue;
    const path = join(d.parentPath, d.name);
    out.set(relative(dir, path), createHash("sha256").update(readFileSync(path)).digest("hex"));
  }
  return out;
}

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));

/** stderr's error lines (without progress lines). */
const errors = (run: Run) => withoutProgress(run.stderr).trim();

describe("huanjie combine of two tiny counties into a city", () => {
  const root = tempDir("combine-");
  const built = join(root, "built");
  const a = join(built, "甲县");
  const b = join(built, "乙县");
  const city = join(root, "city");
  let run: Run;
  beforeAll(async () => {
    for (const [name, code, out] of [
      ["甲县", "150121", a],
      ["乙县", "150122", b],
    ] as const) {
      const dataset = tinyCounty(name, code, join(root, "datasets"), TARGETS);
      const r = await huanjieInProcess(["build", dataset, "--out", out, "--quiet"]);
      expect(r.status, r.stderr).toBe(0);
    }
    run = await huanjieInProcess(["combine", b, a, "--out", city, "--name", "测试市", "--level", "city"]);
  });

  it("exits 0, reports the inputs, writes progress lines on stderr", async () => {
    expect(errors(run)).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("数据集:测试市(city,合并 2 个数据仓库)");
    expect(run.stdout).toMatch(/甲县\s+county/);
    expect(run.stderr).toMatch(/^读取 甲县:\d+ 行,/m);
    expect(run.stderr).toMatch(/^阶段 计算指标:/m);
    expect(readdirSync(root).sort()).toEqual(["built", "city", "datasets"]);
  });

  it("lists every input in manifest.json with its dataset name, key_id and the sha256 of its manifest", async () => {
    const manifest = manifestOf(city);
    expect(manifest.dataset).toBe("测试市");
    expect(manifest.level).toBe("city");
    expect(manifest.key_id).toBe(manifestOf(a).key_id);
    expect(manifest.inputs).toEqual([
      {
        dataset: "乙县",
        level: "county",
        key_id: manifestOf(b).key_id,
        manifest_sha256: sha256(join(b, "manifest.json")),
      },
      {
        dataset: "甲县",
        level: "county",
        key_id: manifestOf(a).key_id,
        manifest_sha256: sha256(join(a, "manifest.json")),
      },
    ]);
    for (const t of manifest.tables) expect(sha256(join(city, t.path)), t.path).toBe(t.sha256);
    expect(manifest.tables.map((t: { path: string }) => t.path).slice(0, 10)).toEqual(
      [
        "units",
        "unit_levels",
        "members",
        "elections",
        "ballots",
        "candidates",
        "rejects",
        "warnings",
        "terms",
        "target_rules",
      ].map((n) => `${n}.parquet`),
    );
  });

  it("prefixes a county's townships and derived unit ids, keeps 12-digit codes, fills unit_levels", async () => {
    const units = await parquet<{ unit_id: string; township: string }>(
      join(city, "units.parquet"),
      "unit_id, township",
      "ORDER BY unit_id",
    );
    expect(units).toEqual([
      { unit_id: "150121100001", township: "甲县/城关镇" },
      { unit_id: "150121101001", township: "甲县/盛乐镇" },
      { unit_id: "150122100001", township: "乙县/城关镇" },
      { unit_id: "150122101001", township: "乙县/盛乐镇" },
      { unit_id: "乙县/城关镇/南街社区", township: "乙县/城关镇" },
      { unit_id: "甲县/城关镇/南街社区", township: "甲县/城关镇" },
    ]);
    const levels = await parquet<{ county: string; n: number }>(
      join(city, "unit_levels.parquet"),
      "county, count(*)::INTEGER AS n, count(city)::INTEGER AS city, count(province)::INTEGER AS province",
      "GROUP BY county ORDER BY county",
    );
    expect(levels).toEqual([
      { county: "乙县", n: 3, city: 0, province: 0 },
      { county: "甲县", n: 3, city: 0, province: 0 },
    ]);
  });

  it("keeps every input's rejects and warnings with source_dataset", async () => {
    for (const table of ["rejects", "warnings"]) {
      const own = await parquet<{ n: number }>(join(a, `${table}.parquet`), "count(*)::INTEGER AS n");
      const rows = await parquet<{ source_dataset: string; n: number }>(
        join(city, `${table}.parquet`),
        "source_dataset, count(*)::INTEGER AS n",
        "GROUP BY ALL ORDER BY ALL",
      );
      expect(rows).toEqual([
        { source_dataset: "乙县", n: own[0]?.n },
        { source_dataset: "甲县", n: own[0]?.n },
      ]);
    }
    expect(manifestOf(city).rejects_by_rule).toEqual(
      Object.fromEntries(
        Object.entries(manifestOf(a).rejects_by_rule).map(([k, v]) => [k, 2 * (v as number)]),
      ),
    );
  });

  it("the county, township and unit rows of every metric equal each county's own", async () => {
    await expectCountyPart(city, a, "甲县");
    await expectCountyPart(city, b, "乙县");
  });

  it("counts a person in both counties once at city scope", async () => {
    // The two counties are copies: the same people (same ID numbers, so the same person_key) in both.
    const rows = await parquet<{ scope: string; scope_id: string; count: number }>(
      join(city, "metrics", "structure.parquet"),
      "scope, scope_id, count::INTEGER AS count",
      "WHERE term = 2021 AND body = 'both' AND metric = 'members' AND scope IN ('city', 'county') ORDER BY scope, scope_id",
    );
    const county = rows.find((r) => r.scope_id === "甲县")?.count;
    expect(county).toBeGreaterThan(0);
    expect(rows).toEqual([
      { scope: "city", scope_id: "测试市", count: county },
      { scope: "county", scope_id: "乙县", count: county },
      { scope: "county", scope_id: "甲县", count: county },
    ]);
  });

  it("ranks the counties within the city", async () => {
    const rows = await parquet<{ scope_id: string; rank: number | null }>(
      join(city, "metrics", "progress.parquet"),
      "scope_id, rank",
      "WHERE scope = 'county' AND body = 'party' AND day = (SELECT max(day) FROM read_parquet($1)) ORDER BY scope_id",
      [join(city, "metrics", "progress.parquet")],
    );
    expect(rows.map((r) => r.rank)).toEqual([1, 1]);
  });

  it("writes byte-identical outputs whatever the order of the inputs", async () => {
    const again = join(root, "city-again");
    const r = await huanjieInProcess([
      "combine",
      a,
      b,
      "--out",
      again,
      "--name",
      "测试市",
      "--level",
      "city",
      "--quiet",
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(files(again)).toEqual(files(city));
    rmSync(again, { recursive: true });
  });

  it("combines combined warehouses again: a province from the city", async () => {
    const province = join(root, "province");
    const r = huanjie([
      "combine",
      city,
      "--out",
      province,
      "--name",
      "测试省",
      "--level",
      "province",
      "--quiet",
    ]);
    expect(r.status, r.stderr).toBe(0);
    const levels = await parquet(
      join(province, "unit_levels.parquet"),
      "DISTINCT county, city, province",
      "ORDER BY ALL",
    );
    expect(levels).toEqual([
      { county: "乙县", city: "测试市", province: null },
      { county: "甲县", city: "测试市", province: null },
    ]);
    const sources = await parquet(
      join(province, "rejects.parquet"),
      "DISTINCT source_dataset",
      "ORDER BY ALL",
    );
    expect(sources).toEqual([{ source_dataset: "乙县" }, { source_dataset: "甲县" }]);
    // Its county rows are the city's.
    const structure = (dir: string) =>
      parquet(
        join(dir, "metrics", "structure.parquet"),
        "scope, scope_id, body, metric, count, base, value",
        "WHERE scope IN ('county', 'township') ORDER BY ALL",
      );
    expect(await structure(province)).toEqual(await structure(city));
    // A city cannot go into a city.
    const again = await huanjieInProcess([
      "combine",
      city,
      "--out",
      join(root, "x"),
      "--name",
      "别的市",
      "--level",
      "city",
    ]);
    expect(again.status).toBe(2);
    expect(errors(again)).toContain(`${city}: 数据仓库 测试市 的级别是 city,不低于 --level city`);
    rmSync(province, { recursive: true });
  });

  describe("refusals: exit 2 naming the input, OUT_DIR untouched", () => {
    const filesNow = () => files(city);
    const refused = async (args: string[], env: Record<string, string> = {}) => {
      const was = filesNow();
      const r = await huanjieInProcess(
        ["combine", ...args, "--out", city, "--name", "测试市", "--level", "city"],
        env,
      );
      expect(files(city)).toEqual(was);
      expect(readdirSync(root).filter((n) => n.startsWith("city."))).toEqual([]);
      return r;
    };
    /** A copy of a built county (the copy can be broken without touching the original). */
    const copy = (from: string, name: string) => {
      const to = join(root, "broken", name);
      rmSync(to, { recursive: true, force: true });
      mkdirSync(join(root, "broken"), { recursive: true });
      for (const [path] of files(from)) {
        mkdirSync(join(to, path, ".."), { recursive: true });
        writeFileSync(join(to, path), readFileSync(join(from, path)));
      }
      return to;
    };

    it("a folder that is not a warehouse", async () => {
      const empty = join(root, "empty");
      mkdirSync(empty, { recursive: true });
      const r = await refused([a, empty]);
      expect(r.status).toBe(2);
      expect(errors(r)).toBe(`错误:${empty}: 不是 huanjie 数据仓库:没有 manifest.json\n未写入任何文件。`);
      const missing = await refused([a, join(root, "nowhere")]);
      expect(missing.status).toBe(2);
      expect(errors(missing)).toContain(`${join(root, "nowhere")}: 不是文件夹`);
    });

    it("a table missing, or not listed by an older build", async () => {
      const gone = copy(b, "gone");
      rmSync(join(gone, "metrics", "leaders.parquet"));
      const r = await refused([a, gone]);
      expect(r.status).toBe(2);
      expect(errors(r)).toContain(`${gone}: 缺少表 metrics/leaders.parquet`);

      const old = copy(b, "old");
      const manifest = manifestOf(old);
      manifest.tables = manifest.tables.filter((t: { path: string }) => t.path !== "terms.parquet");
      writeFileSync(join(old, "manifest.json"), JSON.stringify(manifest));
      const r2 = await refused([a, old]);
      expect(r2.status).toBe(2);
      expect(errors(r2)).toContain(`${old}: 缺少表 terms.parquet(manifest.json 未列出`);
    });

    it("a table whose sha256 differs from its manifest", async () => {
      const changed = copy(b, "changed");
      writeFileSync(join(changed, "members.parquet"), readFileSync(join(a, "members.parquet")));
      const r = await refused([a, changed]);
      expect(r.status).toBe(2);
      expect(errors(r)).toContain(`${changed}: 表 members.parquet 的 sha256 与 manifest.json 不符`);
    });

    it("a manifest that is not JSON, or lists a path outside the warehouse", async () => {
      const bad = copy(b, "bad");
      writeFileSync(join(bad, "manifest.json"), "{ not json");
      expect(errors(await refused([a, bad]))).toContain(`${bad}: manifest.json 不是有效的 JSON`);
      const outside = copy(b, "outside");
      const manifest = manifestOf(outside);
      manifest.tables.push({ path: "../甲县/members.parquet", rows: 1, sha256: "0" });
      writeFileSync(join(outside, "manifest.json"), JSON.stringify(manifest));
      const r = await refused([a, outside]);
      expect(r.status).toBe(2);
      expect(errors(r)).toContain(
        `${outside}: manifest.json 的 tables 中有无效的条目 "../甲县/members.parquet"`,
      );
    });

    it("inputs built with another key", async () => {
      const other = join(root, "other-key");
      const dataset = tinyCounty("丙县", "150125", join(root, "datasets"), TARGETS);
      const built = await huanjieInProcess(["build", dataset, "--out", other, "--quiet"], {
        HUANJIE_KEY: "another-key-0123456789abcdef",
      });
      expect(built.status).toBe(0);
      const r = await refused([a, b, other]);
      expect(r.status).toBe(2);
      expect(errors(r)).toContain(
        `${other}: 数据仓库 丙县 的人员标识密钥编号 key_id 为 ${manifestOf(other).key_id},与 乙县(${b}) 的 ${manifestOf(b).key_id} 不同`,
      );
    });

    it("targets that differ, unless --targets is given", async () => {
      const dataset = tinyCounty(
        "丁县",
        "150126",
        join(root, "datasets"),
        TARGETS.replace("goal: 100", "goal: 90"),
      );
      const other = join(root, "other-targets");
      expect((await huanjieInProcess(["build", dataset, "--out", other, "--quiet"])).status).toBe(0);
      const r = await refused([a, other]);
      expect(r.status).toBe(2);
      expect(errors(r)).toContain(
        `${a}: 目标与 丁县(${other}) 不同(目标 woman_member 的 goal:丁县(${other}) 为 90,甲县(${a}) 为 100)`,
      );
      const targets = join(root, "targets.yaml");
      writeFileSync(targets, TARGETS.replace("goal: 100", "goal: 80"));
      const out = join(root, "with-targets");
      const ok = await huanjieInProcess([
        "combine",
        a,
        other,
        "--out",
        out,
        "--name",
        "测试市",
        "--level",
        "city",
        "--targets",
        targets,
      ]);
      expect(ok.status, ok.stderr).toBe(0);
      expect(await parquet(join(out, "target_rules.parquet"), "target_id, goal")).toEqual([
        { target_id: "woman_member", goal: 80 },
      ]);
      expect(manifestOf(out).targets).toEqual({ path: "targets.yaml", sha256: sha256(targets) });
      rmSync(out, { recursive: true });
    });

    it("two inputs with the same 12-digit unit code, or the same name", async () => {
      const dataset = tinyCounty("戊县", "150121", join(root, "datasets"), TARGETS);
      const same = join(root, "same-codes");
      expect((await huanjieInProcess(["build", dataset, "--out", same, "--quiet"])).status).toBe(0);
      const r = await refused([b, same, a]);
      expect(r.status).toBe(2);
      expect(errors(r)).toBe(
        `错误:输入 戊县(${same}) 和 甲县(${a}) 都有区划代码为 150121100001 的村社:一个村社只能属于一个输入\n未写入任何文件。`,
      );
      const twice = await refused([a, a]);
      expect(twice.status).toBe(2);
      expect(errors(twice)).toContain(`输入 ${a} 和 ${a} 的数据集名称都是 甲县`);
    });

    it("inputs with different terms", async () => {
      const dataset = tinyCounty("己县", "150127", join(root, "datasets"), TARGETS);
      const yaml = join(dataset, "dataset.yaml");
      writeFileSync(yaml, readFileSync(yaml, "utf8").replace(/ {2}- term: 2018\n.*\n.*\n/, ""));
      const one = join(root, "one-term");
      const built = await huanjieInProcess(["build", dataset, "--out", one, "--quiet"]);
      expect(built.status, built.stderr).toBe(0);
      const r = await refused([a, one]);
      expect(r.status).toBe(2);
      expect(errors(r)).toContain(`${a}: 届次与 己县(${one}) 不同:甲县(${a}) 有 2018 届,己县(${one}) 没有`);
    });

    it("a bad command line", async () => {
      for (const [args, message] of [
        [["combine", a, "--out", city, "--level", "city"], "缺少 --name NAME"],
        [
          ["combine", a, "--out", city, "--name", "x", "--level", "county"],
          "--level 应为 city、province 或 nation,而不是 county",
        ],
        [["combine", "--out", city, "--name", "x", "--level", "city"], "缺少 WAREHOUSE_DIR"],
        [["combine", a, "--name", "x", "--level", "city"], "缺少 --out OUT_DIR"],
        [
          ["combine", a, "--out", city, "--name", "x", "--level", "city", "--as-of", "2021-02-30"],
          "--as-of 应为存在的日期",
        ],
        [["combine", a, "--out", city, "--name", "x", "--level", "city", "--strict"], "未知的选项 --strict"],
      ] as const) {
        const r = await huanjieInProcess([...args]);
        expect(r.status, args.join(" ")).toBe(2);
        expect(r.stderr).toContain(message);
        expect(r.stderr).toContain("huanjie combine WAREHOUSE_DIR...");
      }
    });

    it("another run holding the output's lock: exit 3", async () => {
      writeFileSync(`${city}.lock`, `${process.ppid} another-run\n`); // a live process other than this one
      try {
        const was = filesNow();
        const r = await huanjieInProcess([
          "combine",
          a,
          b,
          "--out",
          city,
          "--name",
          "测试市",
          "--level",
          "city",
        ]);
        expect(r.status).toBe(3);
        expect(errors(r)).toContain("正在写入 city");
        expect(files(city)).toEqual(was);
      } finally {
        rmSync(`${city}.lock`);
      }
      expect(existsSync(`${city}.lock`)).toBe(false);
    });
  });
});
