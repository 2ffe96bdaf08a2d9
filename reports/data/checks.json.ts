// Statutory checks for the elections page, reported term only (issue 7: counts, not every check row of
// every unit): how many election checks there are, counts by check and status (election and unit checks
// together) and the failed checks with their messages (unit checks have no body, office or round).
import { electionChecks, unitChecks } from "../../src/warehouse.ts";
import { queryRows, reportTerms, writeJson } from "./lib/warehouse.ts";

const { term } = await reportTerms();
const both = [electionChecks, unitChecks];
const params = { term: term ?? -1 };
const summary = await queryRows(
  both,
  (elections, units) => `
    WITH c AS (
        SELECT "check", status FROM ${elections} WHERE term = $term
        UNION ALL
        SELECT "check", status FROM ${units} WHERE term = $term
    )
    SELECT "check",
        count(*) FILTER (WHERE status = 'passed') AS passed,
        count(*) FILTER (WHERE status = 'failed') AS failed,
        count(*) FILTER (WHERE status = 'not_applicable') AS not_applicable,
        count(*) AS total
    FROM c GROUP BY "check" ORDER BY "check"`,
  params,
);
const count = await queryRows(
  [electionChecks],
  (elections) => `SELECT count(*) AS n FROM ${elections} WHERE term = $term`,
  params,
);
const failed = await queryRows(
  both,
  (elections, units) => `
    SELECT township, unit, body, office, round, "check", status, message FROM (
        SELECT 0 AS part, * EXCLUDE (term) FROM ${elections} WHERE term = $term AND status = 'failed'
        UNION ALL BY NAME
        SELECT 1 AS part, * EXCLUDE (term) FROM ${units} WHERE term = $term AND status = 'failed'
    ) ORDER BY part, township, unit_id, body, office, round, "check"`,
  params,
);
writeJson({ term, election_checks: count[0]?.n ?? 0, summary, failed });
