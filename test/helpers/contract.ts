/**
 * Contract tests for tables, in the manner of dbt's schema tests, against a
 * real DuckDB, all derived from the table's definition (src/warehouse/tables.ts):
 * the table has exactly the columns and types of its TableDef, its grain is
 * unique, non-nullable columns hold no NULL, enumerations hold only their
 * accepted values, and its references hold (e.g. every unit_id is in `units`).
 * Also builds the runtime tables the metrics step reads.
 *
 * Usage:
 *   const conn = await openRuntime({ units, members, terms });
 *   await computeMetrics(conn, { targets: [] });
 *   await expectContract(conn, structure);
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { expect } from "vitest";
import { type AnyTableDef, ident, type Relationship } from "../../src/warehouse/column.ts";
import { type DuckDBConnection, loadRows, openDatabase, queryRows } from "../../src/warehouse/duckdb.ts";
import {
  type BallotRow,
  ballots,
  type CandidateRow,
  candidates,
  type ElectionRow,
  elections,
  type FindingRow,
  type Level,
  type MemberRow,
  members,
  params,
  rejects,
  terms,
  type UnitLevelRow,
  type UnitRow,
  unitLevels,
  units,
  warnings,
} from "../../src/warehouse/tables.ts";

/** The runtime tables of the metrics step; every one absent here is created empty. */
export interface Runtime {
  units?: UnitRow[];
  members?: MemberRow[];
  elections?: ElectionRow[];
  ballots?: BallotRow[];
  candidates?: CandidateRow[];
  rejects?: FindingRow[];
  warnings?: FindingRow[];
  /** params.dataset, the top scope_id; default "测试县". */
  dataset?: string;
  /** params.level; default "county". */
  level?: Level;
  unitLevels?: UnitLevelRow[];
  asOf?: string | null;
  /** Default: every term of `members`, reference date June 30. */
  terms?: { term: number; reference_date: string }[];
}

/** Create the ingest tables, `params` and `terms` in `conn`. */
export async function loadRuntime(conn: DuckDBConnection, r: Runtime): Promise<void> {
  await loadRows(conn, units, r.units ?? []);
  await loadRows(conn, members, r.members ?? []);
  await loadRows(conn, elections, r.elections ?? []);
  await loadRows(conn, ballots, r.ballots ?? []);
  await loadRows(conn, candidates, r.candidates ?? []);
  await loadRows(conn, rejects, r.rejects ?? []);
  await loadRows(conn, warnings, r.warnings ?? []);
  await loadRows(conn, unitLevels, r.unitLevels ?? []);
  await loadRows(conn, params, [
    { dataset: r.dataset ?? "测试县", as_of: r.asOf ?? null, level: r.level ?? "county" },
  ]);
  const termRows =
    r.terms ??
    [...new Set((r.members ?? []).map((m) => m.term))]
      .sort()
      .map((t) => ({ term: t, reference_date: `${t}-06-30` }));
  await loadRows(conn, terms, termRows);
}

/**
 * `openDatabase()`, or, while its `TimeZone` option is rejected by a DuckDB
 * build without ICU, the same settings without that option.
 */
export async function openTestDatabase(): Promise<DuckDBConnection> {
  try {
    return await openDatabase({ threads: 1 });
  } catch {
    const instance = await DuckDBInstance.create(":memory:", {
      threads: "1",
      preserve_insertion_order: "true",
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    });
    return instance.connect();
  }
}

/** A fresh single-threaded in-memory DuckDB with the runtime tables loaded. */
export async function openRuntime(r: Runtime): Promise<DuckDBConnection> {
  const conn = await openTestDatabase();
  await loadRuntime(conn, r);
  return conn;
}

export interface ContractOptions {
  /** Relationships a test checks beyond the definition's references. */
  relationships?: readonly Relationship[];
}

/** Every way `def`'s table in `conn` breaks its contract, as readable lines ([] when it holds). */
export async function contractViolations(
  conn: DuckDBConnection,
  def: AnyTableDef,
  options: ContractOptions = {},
): Promise<string[]> {
  const out: string[] = [];
  const table = ident(def.name);
  const actual = await queryRows<{ name: string; type: string }>(
    conn,
    "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $1 ORDER BY ordinal_position",
    [def.name],
  );
  if (actual.length === 0) return [`${def.name}: table missing`];
  const expected = def.columnNames.map((name) => ({ name, type: def.columns[name]?.type }));
  const have = new Map(actual.map((c) => [c.name, c.type]));
  for (const c of expected) {
    if (!have.has(c.name)) out.push(`${def.name}.${c.name}: column missing`);
    else if (have.get(c.name) !== c.type)
      out.push(`${def.name}.${c.name}: type ${have.get(c.name)}, expected ${c.type}`);
  }
  const grain = def.grain;
  if (grain.length) {
    const cols = grain.map(ident).join(", ");
    const [dup] = await queryRows<{ n: number }>(
      conn,
      `SELECT count(*) AS n FROM (SELECT ${cols} FROM ${table} GROUP BY ALL HAVING count(*) > 1)`,
    );
    if (dup && dup.n > 0) out.push(`${def.name}: ${dup.n} duplicated grain keys (${grain.join(", ")})`);
  }
  for (const name of def.columnNames) {
    const col = def.columns[name];
    if (!col || !have.has(name)) continue;
    if (!col.nullable) {
      const [r] = await queryRows<{ n: number }>(
        conn,
        `SELECT count(*) AS n FROM ${table} WHERE ${ident(name)} IS NULL`,
      );
      if (r && r.n > 0) out.push(`${def.name}.${name}: ${r.n} NULLs in a required column`);
    }
    if (col.values) {
      const bad = await queryRows<{ v: string }>(
        conn,
        `SELECT DISTINCT ${ident(name)}::VARCHAR AS v FROM ${table} WHERE ${ident(name)} IS NOT NULL AND NOT list_contains(string_split($1, chr(31)), ${ident(name)}::VARCHAR) ORDER BY v`,
        [col.values.join("\u001f")],
      );
      if (bad.length) out.push(`${def.name}.${name}: values not accepted: ${bad.map((b) => b.v).join(", ")}`);
    }
  }
  for (const rel of [...def.relationships, ...(options.relationships ?? [])]) {
    const places = [{ to: rel.to, toColumns: rel.toColumns }, ...(rel.or ?? [])];
    const notFound = places
      .map((p) => {
        const on = rel.columns.map((c, i) => `t.${ident(c)} = r.${ident(p.toColumns[i] ?? c)}`).join(" AND ");
        return `NOT EXISTS (SELECT 1 FROM ${ident(p.to)} AS r WHERE ${on})`;
      })
      .join(" AND ");
    const notNull = rel.columns.map((c) => `t.${ident(c)} IS NOT NULL`).join(" AND ");
    const when = rel.when ? ` AND t.${ident(rel.when.column)}::VARCHAR = $1` : "";
    const [r] = await queryRows<{ n: number }>(
      conn,
      `SELECT count(*) AS n FROM ${table} AS t WHERE ${notNull}${when} AND ${notFound}`,
      rel.when ? [rel.when.value] : [],
    );
    if (r && r.n > 0) {
      const where = rel.when ? ` where ${rel.when.column} = '${rel.when.value}'` : "";
      const inPlaces = places.map((p) => `${p.to}(${p.toColumns.join(", ")})`).join(" or ");
      out.push(`${def.name}(${rel.columns.join(", ")}): ${r.n} rows${where} not in ${inPlaces}`);
    }
  }
  return out;
}

/** Fail the current test with every contract violation of `def`'s table. */
export async function expectContract(
  conn: DuckDBConnection,
  def: AnyTableDef,
  options: ContractOptions = {},
): Promise<void> {
  expect(await contractViolations(conn, def, options)).toEqual([]);
}
