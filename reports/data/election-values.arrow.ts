// The values the elections page's histograms bin, reported term only (issue 7: not a row per election of
// every term): a row per series (turnout of committee elections, of party elections, competition ratio of
// all), value and how many elections have it; nulls left out.
import { elections } from "../../src/warehouse/tables.ts";
import { queryRows, reportTerms, writeArrowRows } from "./lib/warehouse.ts";

const { term } = await reportTerms();
const values = async (series: string, column: "turnout" | "competition_ratio", body: string | null) =>
  (
    await queryRows(
      [elections],
      (table) => `
        SELECT ${column} AS value, count(*) AS count FROM ${table}
        WHERE term = $term AND ${column} IS NOT NULL AND ($body IS NULL OR body = $body)
        GROUP BY ALL ORDER BY value`,
      { term: term ?? -1, body },
    )
  ).map((r) => ({ series, ...r }));
writeArrowRows(
  [
    ...(await values("turnout_committee", "turnout", "committee")),
    ...(await values("turnout_party", "turnout", "party")),
    ...(await values("competition_ratio", "competition_ratio", null)),
  ],
  ["series", "value", "count"],
  undefined,
  ["series"],
);
