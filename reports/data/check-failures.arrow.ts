// The failed statutory checks of the reported term with their messages, for the elections page (election
// checks, then unit checks, which have no body, office or round).
import { electionChecks, unitChecks } from "../../src/warehouse/tables.ts";
import { queryRows, reportTerms, writeArrowRows } from "./lib/warehouse.ts";

const { term } = await reportTerms();
const COLUMNS = ["township", "unit", "body", "office", "round", "check", "status", "message"];
const rows = await queryRows(
  [electionChecks, unitChecks],
  (elections, units) => `
    SELECT ${COLUMNS.map((c) => `"${c}"`).join(", ")} FROM (
        SELECT 0 AS part, * EXCLUDE (term) FROM ${elections} WHERE term = $term AND status = 'failed'
        UNION ALL BY NAME
        SELECT 1 AS part, * EXCLUDE (term) FROM ${units} WHERE term = $term AND status = 'failed'
    ) ORDER BY part, township, unit_id, body, office, round, "check"`,
  { term: term ?? -1 },
);
writeArrowRows(rows, COLUMNS, electionChecks, ["township", "check", "status"]);
