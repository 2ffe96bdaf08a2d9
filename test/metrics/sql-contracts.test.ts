import { beforeAll, describe, expect, it } from "vitest";
import { parseTargets } from "../../src/ingest/targets.ts";
import { computeMetrics } from "../../src/metrics/metrics.ts";
import { defineTable, integer, oneOf, varchar } from "../../src/warehouse/column.ts";
import type { DuckDBConnection } from "../../src/warehouse/duckdb.ts";
import {
  electionSummary,
  leaders,
  oneShoulder,
  structure,
  structurePeople,
  targets,
  targetUnits,
  twoUpOneDown,
  unknowns,
} from "../../src/warehouse/tables.ts";
import { contractViolations, expectContract, openRuntime } from "../helpers/contract.ts";
import { leaderCounty } from "../helpers/leaders-fixture.ts";
import { MEMBERS, TARGETS_YAML, UNITS } from "../helpers/metrics-fixture.ts";

describe("contracts of the structure and target marts", () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openRuntime({ units: UNITS, members: MEMBERS });
    await computeMetrics(conn, { targets: parseTargets(TARGETS_YAML, "targets.yaml") });
  });

  it.each([structure, targets, targetUnits, twoUpOneDown, oneShoulder, unknowns])("$name", async (def) => {
    await expectContract(conn, def);
  });
  it("structure_people", async () => {
    await expectContract(conn, structurePeople);
  });
});

describe("contracts of the leaders and election summary marts", () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await leaderCounty();
  });

  it("leaders", async () => {
    await expectContract(conn, leaders);
  });
  it("election_summary", async () => {
    await expectContract(conn, electionSummary);
  });
  it("leaders and election_summary over the structure fixture too", async () => {
    const other = await openRuntime({ units: UNITS, members: MEMBERS });
    await computeMetrics(other, { targets: [] });
    await expectContract(other, leaders);
    await expectContract(other, electionSummary);
  });
});

describe("contract helper", () => {
  it("reports every kind of violation", async () => {
    const conn = await openRuntime({ units: UNITS });
    await conn.run(
      "CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a', 'x', 'U1'), (1, 'a', 'bad', 'U9'), (2, NULL, 'x', 'U2')) AS v(k, name, kind, unit_id)",
    );
    const def = defineTable(
      "t",
      {
        k: integer.required(),
        name: varchar.required(),
        kind: oneOf(["x", "y"]).required(),
        unit_id: varchar.required(),
        missing: varchar.nullable(),
      },
      { grain: ["k"], references: { unit_id: "units.unit_id" } },
    );
    expect(await contractViolations(conn, def)).toEqual([
      "t.missing: column missing",
      "t: 1 duplicated grain keys (k)",
      "t.name: 1 NULLs in a required column",
      "t.kind: values not accepted: bad",
      "t(unit_id): 1 rows not in units(unit_id)",
    ]);
    expect(
      await contractViolations(conn, defineTable("nope", { k: integer.required() }, { grain: ["k"] })),
    ).toEqual(["nope: table missing"]);
  });

  it("checks references chosen by another column, and references to one table together", async () => {
    const conn = await openRuntime({ units: UNITS });
    const [u] = UNITS;
    if (!u) throw new Error("no unit");
    await conn.run(
      `CREATE TABLE s AS SELECT * FROM (VALUES
        ('unit', $1, $2, $3), ('unit', 'nowhere', $2, $3), ('township', $2, $2, 'elsewhere'), ('county', '测试县', NULL, NULL)
      ) AS v(scope, scope_id, township, unit)`,
      [u.unit_id, u.township, u.unit],
    );
    const def = defineTable(
      "s",
      {
        scope: varchar.required(),
        scope_id: varchar.required(),
        township: varchar.nullable(),
        unit: varchar.nullable(),
      },
      {
        grain: [],
        references: {
          scope_id: { by: "scope", to: { unit: "units.unit_id", county: "params.dataset" } },
          township: "units.township",
          unit: "units.unit",
        },
      },
    );
    expect(await contractViolations(conn, def)).toEqual([
      "s(township, unit): 1 rows not in units(township, unit)",
      "s(scope_id): 1 rows where scope = 'unit' not in units(unit_id)",
    ]);
  });
});
