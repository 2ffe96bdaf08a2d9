import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/error.ts";
import { loadDataset, resolveInside } from "../../src/ingest/dataset.ts";
import { tempDir } from "../helpers/cli.ts";

function dataset(yaml: string, files: string[] = ["u.csv", "r.csv"]): string {
  const dir = tempDir();
  writeFileSync(join(dir, "dataset.yaml"), yaml);
  for (const f of files) writeFileSync(join(dir, f), "x");
  return dir;
}
const read = (p: string) => readFileSync(p, "utf8");
const BASE =
  "name: 测试县\nunits: u.csv\nterms:\n  - term: 2021\n    reference_date: 2021-01-16\n    roster: [r.csv]\n";

function error(dir: string): string {
  try {
    loadDataset(dir, read);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("expected an InputError");
}

describe("loadDataset", () => {
  it("reads a manifest with plain and detailed file entries", () => {
    const dir = dataset(
      `${BASE.replace("roster: [r.csv]", "roster:\n      - r.csv")}      - file: c.xlsx\n        body: committee\n        sheet: Sheet1\n    votes: [v.csv]\n  - term: 2018\n    reference_date: 2018-06-30\n`,
      ["u.csv", "r.csv", "c.xlsx", "v.csv"],
    );
    const d = loadDataset(dir, read);
    expect(d.name).toBe("测试县");
    expect(d.terms.map((t) => t.term)).toEqual([2018, 2021]);
    const t = d.terms[1];
    expect(t?.roster.map((f) => [f.path, f.body, f.sheet])).toEqual([
      ["r.csv", null, null],
      ["c.xlsx", "committee", "Sheet1"],
    ]);
    expect(t?.votes[0]?.kind).toBe("votes");
    expect(d.files.map((f) => f.path)).toEqual(["u.csv", "r.csv", "c.xlsx", "v.csv"]);
  });

  it("reads the level: county by default, city, province or nation when given, nothing else", () => {
    expect(loadDataset(dataset(BASE), read).level).toBe("county");
    for (const level of ["county", "city", "province", "nation"]) {
      expect(loadDataset(dataset(`level: ${level}\n${BASE}`), read).level).toBe(level);
    }
    expect(error(dataset(`level: township\n${BASE}`))).toMatch(/level 的值无效/);
    expect(error(dataset(`level: 市\n${BASE}`))).toMatch(/level 的值无效/);
  });

  it("accepts JSON, which is YAML 1.2", () => {
    const dir = dataset(
      JSON.stringify({
        name: "县",
        units: "u.csv",
        terms: [{ term: 2021, reference_date: "2021-01-16", roster: ["r.csv"] }],
      }),
    );
    expect(loadDataset(dir, read).terms).toHaveLength(1);
  });

  it("names unknown keys, missing items and bad values", () => {
    expect(error(dataset(BASE.replace("units:", "unit:")))).toMatch(/未知的键 unit/);
    expect(error(dataset(`${BASE}    rosters: []\n`))).toMatch(/terms\[0\] 中有未知的键 rosters/);
    expect(error(dataset(BASE.replace("name: 测试县\n", "")))).toMatch(/缺少必填项 name/);
    expect(error(dataset(BASE.replace("2021-01-16", "2021-02-30")))).toMatch(/terms\[0\]\.reference_date/);
    expect(error(dataset(BASE.replace("term: 2021", "term: 二〇二一")))).toMatch(/terms\[0\]\.term/);
  });

  it("refuses duplicate terms, missing files and paths leaving the folder", () => {
    expect(error(dataset(BASE + BASE.split("terms:\n")[1]))).toMatch(/2021 重复/);
    expect(error(dataset(BASE, ["u.csv"]))).toBe("r.csv: 清单中列出的文件不存在");
    expect(error(dataset(BASE.replace("r.csv", "../r.csv")))).toMatch(/超出了数据集文件夹/);
    expect(error(dataset(BASE.replace("r.csv", "/etc/passwd")))).toMatch(/绝对路径/);
  });

  it("refuses a missing folder or manifest", () => {
    expect(error(join(tempDir(), "nope"))).toMatch(/不存在/);
    expect(error(tempDir())).toBe("dataset.yaml: 缺少数据集清单文件(dataset.yaml)");
  });
});

describe("resolveInside", () => {
  it("follows symbolic links and refuses those that leave the folder", () => {
    const dir = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, "x.csv"), "x");
    symlinkSync(join(outside, "x.csv"), join(dir, "link.csv"));
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "y.csv"), "y");
    symlinkSync(join(dir, "sub", "y.csv"), join(dir, "inner.csv"));
    expect(() => resolveInside(dir, "link.csv")).toThrow(/符号链接/);
    expect(resolveInside(dir, "inner.csv").path).toBe("inner.csv");
    expect(resolveInside(dir, "sub/../sub/y.csv").path).toBe("sub/y.csv");
  });
});
