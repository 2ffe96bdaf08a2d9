/**
 * Tiny warehouses for the election, unit-check, progress and vetting marts:
 * builds the runtime tables of the metrics step (units, members, elections,
 * ballots, candidates, params, terms) in a fresh DuckDB and runs this area's
 * SQL files (the `3x_` files of every layer) in layer order.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import type { Column } from "../../src/column.ts";
import { type DuckDBConnection, loadRows, openDatabase, queryRows } from "../../src/duckdb.ts";
import { LAYERS, runSqlFile, sqlFiles } from "../../src/sqlfile.ts";
import {
  type BallotRow,
  ballots,
  type CandidateRow,
  candidates,
  type ElectionRow,
  elections,
  type MemberRow,
  members,
  type UnitRow,
  units,
} from "../../src/warehouse.ts";

export interface Fixture {
  units?: UnitRow[];
  members?: MemberRow[];
  elections?: ElectionRow[];
  ballots?: BallotRow[];
  candidates?: CandidateRow[];
  dataset?: string;
  asOf?: string | null;
  terms?: { term: number; reference_date: string }[];
}

/** The SQL files of this area: names starting with `3` and a digit. */
const OWN = /[\\/]3\d_[^\\/]+\.sql$/;

/**
 * `openDatabase()`, or, while the shared helper's `TimeZone` option is rejected
 * by a DuckDB without ICU, the same database without that option.
 */
async function open(): Promise<DuckDBConnection> {
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

/** Load `f` into a new database and run the area's SQL; returns the open connection. */
export async function buildMarts(f: Fixture): Promise<DuckDBConnection> {
  const conn = await open();
  await loadRows(conn, units, f.units ?? []);
  await loadRows(conn, members, f.members ?? []);
  await loadRows(conn, elections, f.elections ?? []);
  await loadRows(conn, ballots, f.ballots ?? []);
  await loadRows(conn, candidates, f.candidates ?? []);
  await conn.run("CREATE TABLE params (dataset VARCHAR, as_of DATE)");
  await conn.run("INSERT INTO params VALUES ($1, $2::DATE)", [f.dataset ?? "测试县", f.asOf ?? null]);
  await conn.run("CREATE TABLE terms (term INTEGER, reference_date DATE)");
  for (const t of f.terms ?? [{ term: 2021, reference_date: "2021-01-16" }]) {
    await conn.run("INSERT INTO terms VALUES ($1, $2::DATE)", [t.term, t.reference_date]);
  }
  for (const layer of LAYERS) {
    for (const file of sqlFiles(layer).filter((p) => OWN.test(p))) await runSqlFile(conn, file);
  }
  return conn;
}

/** `name TYPE` of every column of `table` in the database, in order. */
export async function columnsOf(conn: DuckDBConnection, table: string): Promise<string[]> {
  const cols = await queryRows<{ column_name: string; data_type: string }>(
    conn,
    `SELECT column_name, data_type FROM information_schema.columns
      WHERE table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return cols.map((c) => `${c.column_name} ${c.data_type}`);
}

/** `name TYPE` of every column of a warehouse table definition, in order. */
export function columnsOfDef(def: {
  readonly columnNames: readonly string[];
  readonly columns: Readonly<Record<string, Column>>;
}): string[] {
  return def.columnNames.map((n) => `${n} ${def.columns[n]?.type}`);
}

/** A unit; unit_id is `township/unit`. */
export function unit(township: string, name: string, unit_type: UnitRow["unit_type"] = "village"): UnitRow {
  return {
    unit_id: `${township}/${name}`,
    unit_code: null,
    township,
    unit: name,
    unit_type,
    key_unit: false,
  };
}

/** A membership with neutral defaults; `person_key` defaults to the name. */
export function member(u: UnitRow, over: Partial<MemberRow> & Pick<MemberRow, "body" | "name">): MemberRow {
  return {
    term: 2021,
    unit_id: u.unit_id,
    township: u.township,
    unit: u.unit,
    position: "member",
    person_key: over.name,
    gender: "M",
    ethnicity: "汉族",
    birth_year: 1980,
    birth_month: 1,
    reference_date: "2021-01-16",
    age: 41,
    education: "senior",
    college_plus: false,
    party_member: true,
    elected_on: null,
    source_file: "roster.csv",
    source_row: 2,
    ...over,
  };
}

/** One candidate line of an election: name, votes, marked elected. */
export type Tally = readonly [candidate: string, votes: number, elected: boolean];

/**
 * An election and its ballots. `candidates`, `elected`, `turnout` and
 * `competition_ratio` are derived from the tallies as ingest derives them.
 */
export function election(
  u: UnitRow,
  e: Partial<ElectionRow> & Pick<ElectionRow, "body" | "seats" | "entitled" | "cast">,
  tallies: readonly Tally[],
): { elections: ElectionRow[]; ballots: BallotRow[] } {
  const row: ElectionRow = {
    term: 2021,
    unit_id: u.unit_id,
    township: u.township,
    unit: u.unit,
    office: "委员",
    round: 1,
    election_date: "2021-01-10",
    valid_ballots: null,
    ballots_issued: null,
    ballots_returned: null,
    ...e,
    candidates: tallies.length,
    elected: tallies.filter((t) => t[2]).length,
    turnout: (e.cast / e.entitled) * 100,
    competition_ratio: ((tallies.length - e.seats) / e.seats) * 100,
  };
  return {
    elections: [row],
    ballots: tallies.map(([candidate, votes, elected], i) => ({
      term: row.term,
      unit_id: row.unit_id,
      body: row.body,
      office: row.office,
      round: row.round,
      candidate,
      person_key: candidate,
      votes,
      vote_share: row.cast ? (votes / row.cast) * 100 : null,
      elected,
      source_file: "votes.csv",
      source_row: i + 2,
    })),
  };
}

/** Concatenate several `election()` results into fixture tables. */
export function tallies(...parts: { elections: ElectionRow[]; ballots: BallotRow[] }[]) {
  return { elections: parts.flatMap((p) => p.elections), ballots: parts.flatMap((p) => p.ballots) };
}
