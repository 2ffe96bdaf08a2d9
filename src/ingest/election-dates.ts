/**
 * The earliest election date of each unit and body of the term being ingested, from its vote
 * tallies: a member's age is taken on it when the roster gives no election date
 * (roster-resolution.ts). A national term has over a million of them, so they live in DuckDB, in
 * the table `term_election_dates` (`unit_id`, `body`, `d` as `YYYY-MM-DD`; one row per unit and
 * body once the votes are read), where the set-based roster joins them; only the row-by-row path
 * (a county's or city's roster) reads them into JavaScript.
 */
import { openChunkAppender } from "../warehouse/chunk-appender.ts";
import type { DuckDBConnection } from "../warehouse/duckdb.ts";

export const ELECTION_DATES = "term_election_dates";

/** An empty `term_election_dates` for a new term. */
export async function createElectionDates(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE OR REPLACE TABLE ${ELECTION_DATES} (unit_id VARCHAR, body VARCHAR, d VARCHAR)`);
}

/** Add `dates` to the table, keeping for each unit and body the earliest of what it had and what is added. */
export async function addElectionDates(
  conn: DuckDBConnection,
  dates: Iterable<readonly [unitId: string, body: string, date: string]>,
): Promise<void> {
  const added = `${ELECTION_DATES}_added`;
  const appender = await openChunkAppender(conn, added, [
    ["unit_id", "VARCHAR"],
    ["body", "VARCHAR"],
    ["d", "VARCHAR"],
  ]);
  let n = 0;
  for (const [unitId, body, date] of dates) {
    appender.append([unitId, body, date]);
    n += 1;
  }
  appender.close();
  if (n > 0)
    await conn.run(`
      CREATE OR REPLACE TABLE ${ELECTION_DATES} AS
      SELECT unit_id, body, min(d) AS d FROM (
        SELECT * FROM ${ELECTION_DATES} UNION ALL SELECT * FROM ${added}
      ) GROUP BY unit_id, body`);
  await conn.run(`DROP TABLE ${added}`);
}

/** The dates of a map keyed `unit_id|body` (voting.ts), as rows for {@link addElectionDates}. */
export function* electionDateRows(
  dates: ReadonlyMap<string, string>,
): Iterable<readonly [string, string, string]> {
  for (const [k, d] of dates) {
    const bar = k.lastIndexOf("|");
    yield [k.slice(0, bar), k.slice(bar + 1), d];
  }
}

/** The table as a map keyed `unit_id|body`, for the row-by-row roster of a county or city. */
export async function readElectionDates(conn: DuckDBConnection): Promise<Map<string, string>> {
  const result = await conn.runAndReadAll(`SELECT unit_id, body, d FROM ${ELECTION_DATES}`);
  const dates = new Map<string, string>();
  for (const [unitId, body, d] of result.getRowsJS() as [string, string, string][])
    dates.set(`${unitId}|${body}`, d);
  return dates;
}
