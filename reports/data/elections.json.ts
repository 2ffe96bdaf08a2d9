// The elections page, reported term only (issue 7: not a row per election of every term): the number of
// elections, the values its histograms bin as [value, how many elections] (turnout by body, competition
// ratio), and the second and later rounds it lists in full.
import { elections } from "../../src/warehouse.ts";
import { columnar, queryRows, readRows, reportTerms, writeCompactJson } from "./lib/warehouse.ts";

const { term } = await reportTerms();
const params = { term: term ?? -1 };
const count = await queryRows(
  [elections],
  (table) => `SELECT count(*) AS n FROM ${table} WHERE term = $term`,
  params,
);
/** [value, count] of a column over the term's elections (those of `body`, or all), nulls left out. */
const values = async (column: "turnout" | "competition_ratio", body: string | null) =>
  (
    await queryRows(
      [elections],
      (table) => `
        SELECT ${column} AS v, count(*) AS n FROM ${table}
        WHERE term = $term AND ${column} IS NOT NULL AND ($body IS NULL OR body = $body)
        GROUP BY ALL ORDER BY v`,
      { ...params, body },
    )
  ).map((r) => [r.v, r.n]);
const SECOND = [
  "township",
  "unit",
  "body",
  "office",
  "round",
  "election_date",
  "seats",
  "elected",
  "turnout",
];
const second = await readRows(elections, {
  columns: SECOND,
  where: `term = ${Number(params.term)} AND round >= 2`,
  orderBy: ["township", "unit_id", "body", "office", "round"],
});
writeCompactJson({
  term,
  elections: count[0]?.n ?? 0,
  turnout: { committee: await values("turnout", "committee"), party: await values("turnout", "party") },
  competition_ratio: await values("competition_ratio", null),
  second: columnar(second, SECOND),
});
