/**
 * Tiny warehouses for the election, unit-check, progress and vetting marts:
 * the runtime tables of the metrics step (via `contract.ts`) and the real
 * metrics runner over every SQL file, plus builders for units, memberships
 * and elections with their ballots.
 */

import { computeMetrics } from "../../src/metrics/metrics.ts";
import type { DuckDBConnection } from "../../src/warehouse/duckdb.ts";
import type { BallotRow, ElectionRow, MemberRow, UnitRow } from "../../src/warehouse/tables.ts";
import { openRuntime, type Runtime } from "./contract.ts";

export type Fixture = Runtime;

/** Load `f` (terms default to 2021 alone) into a new database and run every metric SQL file; returns the open connection. */
export async function buildMarts(f: Fixture): Promise<DuckDBConnection> {
  const conn = await openRuntime({ ...f, terms: f.terms ?? [{ term: 2021, reference_date: "2021-01-16" }] });
  await computeMetrics(conn, { targets: [] });
  return conn;
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
