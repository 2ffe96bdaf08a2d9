import { beforeAll, describe, expect, it } from "vitest";
import { parseTargets } from "../../src/ingest/targets.ts";
import { computeMetrics } from "../../src/metrics/metrics.ts";
import { defineTable, integer, oneOf, varchar } from "../../src/warehouse/column.ts";
import type { DuckDBConnection } from "../../src/warehouse/duckdb.ts";
import {
  electionSummary,
  leaders,
  oneShoulder,
  structurePeople,
  twoUpOneDown,
  unknowns,
} from "../../src/warehouse/metric-tables.ts";
import { structure, targets, targetUnits } from "../../src/warehouse/tables.ts";
import { contractViolations, expectContract, openRuntime, type Relationship } from "../helpers/contract.ts";
import { leaderCounty } from "../helpers/leaders-fixture.ts";
import { MEMBERS, TARGETS_YAML, UNITS } from "../helpers/metrics-fixture.ts";

const inTerms: Relationship = { columns: ["term"], to: "terms", toColumns: ["term"] };
const unitScope: Relationship = {
  columns: ["scope_id"],
  to: "units",
  toColumns: ["unit_id"],
  where: "t.scope = 'unit'",
};
const townshipScope: Relationship = {
  columns: ["scope_id"],
  to: "units",
  toColumns: ["township"],
  where: "t.scope = 'township'",
};
const countyScope: Relationship = {
  columns: ["scope_id"],
  to: "params",
  toColumns: ["dataset"],
  where: "t.scope = 'county'",
};
const scopes = [inTerms, unitScope, townshipScope, countyScope];
const inRules: Relationship = { columns: ["target_id"], to: "target_rules", toColumns: ["target_id"] };

describe("contracts of the structure and target marts", () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openRuntime({ units: UNITS, members: MEMBERS });
    await computeMetrics(conn, { targets: parseTargets(TARGETS_YAML, "targets.yaml") });
  });

  it("structure", async () => {
    await expectContract(conn, structure, { relationships: scopes });
  });
  it("targets", async () => {
    await expectContract(conn, targets, { relationships: [inTerms, inRules, townshipScope, countyScope] });
  });
  it("target_units", async () => {
    await expectContract(conn, targetUnits, {
      relationships: [
        inTerms,
        inRules,
        { columns: ["unit_id", "township", "unit"], to: "units", toColumns: ["unit_id", "township", "unit"] },
      ],
    });
  });
  it("two_up_one_down", async () => {
    await expectContract(conn, twoUpOneDown, { relationships: [inTerms, townshipScope, countyScope] });
  });
  it("one_shoulder", async () => {
    await expectContract(conn, oneShoulder, { relationships: scopes });
  });
  it("unknowns", async () => {
    await expectContract(conn, unknowns, { relationships: [inTerms, townshipScope, countyScope] });
  });
  it("structure_people", async () => {
    await expectContract(conn, structurePeople, { relationships: [inTerms, townshipScope, countyScope] });
  });
});

describe("contracts of the leaders and election summary marts", () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await leaderCounty();
  });

  it("leaders", async () => {
    await expectContract(conn, leaders, { relationships: scopes });
  });
  it("election_summary", async () => {
    await expectContract(conn, electionSummary, { relationships: [inTerms, townshipScope, countyScope] });
  });
  it("leaders and election_summary over the structure fixture too", async () => {
    const other = await openRuntime({ units: UNITS, members: MEMBERS });
    await computeMetrics(other, { targets: [] });
    await expectContract(other, leaders, { relationships: scopes });
    await expectContract(other, electionSummary, { relationships: [inTerms, townshipScope, countyScope] });
  });
});

describe("contract helper", () => {
  it("reports every kind of violation", async () => {
    const conn = await openRuntime({ units: UNITS });
    await conn.run(
      "CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a', 'x', 'U1'), (1, 'a', 'bad', 'U9'), (2, NULL, 'x', 'U2')) AS v(k, name, kind, unit_id)",
    );
    const def = defineTable("t", {
      k: integer.required(),
      name: varchar.required(),
      kind: oneOf(["x", "y"]).required(),
      unit_id: varchar.required(),
      missing: varchar.nullable(),
    });
    expect(
      await contractViolations(conn, def, {
        grain: ["k"],
        relationships: [{ columns: ["unit_id"], to: "units", toColumns: ["unit_id"] }],
      }),
    ).toEqual([
      "t.missing: column missing",
      "t: 1 duplicated grain keys (k)",
      "t.name: 1 NULLs in a required column",
      "t.kind: values not accepted: bad",
      "t(unit_id): 1 rows not in units(unit_id)",
    ]);
    expect(await contractViolations(conn, defineTable("nope", { k: integer.required() }))).toEqual([
      "nope: table missing",
    ]);
  });
});
