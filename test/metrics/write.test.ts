import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseTargets } from "../../src/ingest/targets.ts";
import { computeMetrics, writeMetrics } from "../../src/metrics/metrics.ts";
import { literal, queryRows } from "../../src/warehouse/duckdb.ts";
import { structure } from "../../src/warehouse/tables.ts";
import { openRuntime } from "../helpers/contract.ts";
import { MEMBERS, TARGETS_YAML, UNITS } from "../helpers/metrics-fixture.ts";

const tmp = mkdtempSync(join(process.env.HUANJIE_TEST_TMP ?? tmpdir(), "huanjie-metrics-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function build(dir: string, members = MEMBERS) {
  const conn = await openRuntime({ units: UNITS, members });
  const lines: string[] = [];
  await computeMetrics(conn, {
    targets: parseTargets(TARGETS_YAML, "targets.yaml"),
    log: (l) => lines.push(l),
  });
  const written = await writeMetrics(conn, dir);
  return { conn, lines, written };
}

describe("writeMetrics", () => {
  it("writes every mart present, byte-identical for the same input in any row order", async () => {
    const a = await build(join(tmp, "a"));
    const b = await build(join(tmp, "b"), [...MEMBERS].reverse());
    expect(a.written).toEqual(
      expect.arrayContaining(["structure", "targets", "target_units", "two_up_one_down", "one_shoulder"]),
    );
    expect(b.written).toEqual(a.written);
    for (const name of a.written) {
      expect(
        readFileSync(join(tmp, "b", `${name}.parquet`)).equals(
          readFileSync(join(tmp, "a", `${name}.parquet`)),
        ),
        name,
      ).toBe(true);
    }
    expect(readFileSync(join(tmp, "b", "summary.json"), "utf8")).toBe(
      readFileSync(join(tmp, "a", "summary.json"), "utf8"),
    );
    expect(a.lines.some((l) => l.includes("marts/structure.sql"))).toBe(true);
  });

  it("writes the definition's columns in order, sorted by the grain", async () => {
    const { conn } = await build(join(tmp, "c"));
    const path = literal(join(tmp, "c", "structure.parquet"));
    const cols = await queryRows<{ name: string }>(
      conn,
      `SELECT column_name AS name FROM (DESCRIBE SELECT * FROM read_parquet(${path}))`,
    );
    expect(cols.map((c) => c.name)).toEqual([...structure.columnNames]);
    const [first] = await queryRows(
      conn,
      `SELECT term, scope, body, metric FROM read_parquet(${path}) LIMIT 1`,
    );
    expect(first).toEqual({ term: 2018, scope: "county", body: "both", metric: "age_le_35" });
    const summary = JSON.parse(readFileSync(join(tmp, "c", "summary.json"), "utf8"));
    expect(summary).toMatchObject({ dataset: "测试县", term: 2021, prev_term: 2018 });
  });
});
