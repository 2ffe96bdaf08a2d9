/**
 * Personal data: no ID number and no full birth date present in the input
 * files reaches any output — Parquet (every column read back as text, and the
 * raw bytes), manifest.json, summary.json, stdout/stderr, and the built site
 * in dist/ when there is one. The IDs and dates to look for are parsed from
 * the raw inputs with the project's own readers; any checksum-valid ID pattern
 * is looked for too. Also: the person_key cannot be reproduced without the key,
 * and a new key re-keys every person while keeping the links.
 */
import { createHash, createHmac } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { idMaterial, personKey } from "../../src/ingest/person-key.ts";
import { FIXTURES, huanjieInProcess, parquet, ROOT, type Run, tempDir } from "../helpers/cli.ts";
import { sharedBuild } from "../helpers/shared.ts";
import { tinyWithRoster } from "./helpers.ts";
import { KEY, leaks, type Secrets, scanFolder, secretsOf } from "./scan.ts";

const TINY = join(FIXTURES, "datasets", "tiny");
const SAMPLE = join(ROOT, "data", "sample");

/** `huanjie build` of `dataset`, built once per test run (test/helpers/shared.ts: the sample's is test/sample-figures.test.ts's too). */
async function buildInto(dataset: string): Promise<{ out: string; run: Run }> {
  const { out, run } = await sharedBuild(dataset);
  expect(run.status, run.stderr).toBe(0);
  return { out, run };
}

const ID_A = "150123198003150119";
const ID_B = "150123199207200223";
const ID_LEGACY = "150123650101031";

/** The tiny fixture plus a roster whose ID numbers sit in every wrong column a sender could put them in. */
function misplacedIds(): string {
  const header = "乡镇,村(社区),姓名,性别,民族,出生年月,身份证号码,政治面貌,学历,组织,职务,当选时间,备注";
  const rows = [
    `城关镇,城关村,王${ID_A},男,汉族,1980-03-15,,${ID_B},高中,村委会,委员,,${ID_A}`,
    `城关镇,城关村,李四,${ID_A},${ID_B},${ID_LEGACY},${ID_B},群众,${ID_A},${ID_B},村委会委员,${ID_A},`,
    `城关镇,${ID_A},周九,女,汉族,1985.02,,群众,高中,,委员,,`,
    `城关镇,城关村,吴十,女,汉族,1985年2月3日,1501231985 0203 0428,群众,高中,,村委会委员,,`,
    `城关镇,城关村,郑一,男,汉族,${ID_LEGACY},,群众,高中,,${ID_A},,`,
  ];
  return tinyWithRoster("misplaced-ids.csv", `${header}\r\n${rows.join("\r\n")}\r\n`);
}

describe("no ID number or full birth date leaves ingest", () => {
  const scanned: string[] = [];
  /** Build `dataset`; neither an output file nor the command's output holds one of `secrets`. */
  async function builtWithoutLeaks(label: string, dataset: string, secrets: Secrets): Promise<string> {
    const { out, run } = await buildInto(dataset);
    const { files, found } = await scanFolder(out, secrets);
    scanned.push(`${label} ${files}`);
    expect(found).toEqual([]);
    expect(leaks("stdout/stderr", [run.stdout + run.stderr], secrets)).toEqual([]);
    return out;
  }

  it("tiny fixture: every output file and the report", async () => {
    const secrets = await secretsOf(TINY);
    expect(secrets.ids.size).toBe(5);
    await builtWithoutLeaks("tiny", TINY, secrets);
  });

  it("IDs and births typed into the wrong columns (name, party, unit, remarks, dates…) are masked", async () => {
    const dir = misplacedIds();
    const secrets = await secretsOf(dir);
    for (const id of [ID_A, ID_B]) expect(secrets.ids).toContain(id);
    const out = await builtWithoutLeaks("misplaced", dir, secrets);
    const names = await parquet<{ name: string }>(
      join(out, "members.parquet"),
      "name",
      "WHERE source_file = 'misplaced-ids.csv' ORDER BY source_row",
    );
    expect(names[0]?.name).toBe("王150123********0119");
  });

  it("sample dataset: every output file, the report, and dist/ when built", async () => {
    const secrets = await secretsOf(SAMPLE);
    expect(secrets.ids.size).toBeGreaterThan(1000);
    await builtWithoutLeaks("sample", SAMPLE, secrets);
    const dist = join(ROOT, "dist");
    if (existsSync(dist) && statSync(dist).isDirectory()) {
      const site = await scanFolder(dist, secrets);
      scanned.push(`dist ${site.files}`);
      expect(site.found).toEqual([]);
    }
    console.info(`privacy: files scanned ${scanned.join(", ")}`);
  }, 120_000);
});

describe("person_key is keyed", () => {
  let out: string;
  beforeAll(async () => {
    out = (await buildInto(TINY)).out;
  });

  it("cannot be reproduced without the key: other keys and plain hashes of the ID differ", async () => {
    const [row] = await parquet<{ person_key: string }>(
      join(out, "members.parquet"),
      "DISTINCT person_key",
      "WHERE name = '张三' AND term = 2021",
    );
    const key = row?.person_key as string;
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(personKey(KEY, idMaterial(ID_A))).toBe(key); // what the build does, with the key
    const guesses = [
      personKey("another-key-0123456789", idMaterial(ID_A)),
      personKey("", idMaterial(ID_A)),
      createHmac("sha256", KEY).update(ID_A).digest("hex").slice(0, 16),
      createHash("sha256").update(ID_A).digest("hex").slice(0, 16),
      createHash("sha256").update(idMaterial(ID_A)).digest("hex").slice(0, 16),
      createHash("sha256").update(`${KEY}${ID_A}`).digest("hex").slice(0, 16),
      createHash("md5").update(ID_A).digest("hex").slice(0, 16),
    ];
    for (const g of guesses) expect(g).not.toBe(key);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.key_id).toMatch(/^[0-9a-f]{8}$/);
    expect(key.startsWith(manifest.key_id)).toBe(false);
  });

  it("a new key gives every person a new person_key and keeps who is linked to whom", async () => {
    const other = join(tempDir(), "out");
    const r = await huanjieInProcess(["build", TINY, "--out", other], {
      HUANJIE_KEY: "rotated-key-abcdefghijklmnop",
    });
    expect(r.status).toBe(0);
    const q = "name, term, body, person_key";
    const tail = "ORDER BY term, unit_id, body, name";
    const a = await parquet<{ name: string; term: number; body: string; person_key: string }>(
      join(out, "members.parquet"),
      q,
      tail,
    );
    const b = await parquet<{ name: string; term: number; body: string; person_key: string }>(
      join(other, "members.parquet"),
      q,
      tail,
    );
    expect(b.map((x) => `${x.term} ${x.body} ${x.name}`)).toEqual(
      a.map((x) => `${x.term} ${x.body} ${x.name}`),
    );
    const oldKeys = new Set(a.map((x) => x.person_key));
    for (const x of b) expect(oldKeys.has(x.person_key)).toBe(false);
    // The same partition of rows into persons under both keys.
    const partition = (rows: typeof a) =>
      rows.map((x) => rows.findIndex((y) => y.person_key === x.person_key));
    expect(partition(b)).toEqual(partition(a));
  });
});
