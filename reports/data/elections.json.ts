// The elections page's counts, reported term only: the number of elections and of election checks.
import { electionChecks, elections } from "../../src/warehouse/tables.ts";
import { queryRows, reportTerms, writeJson } from "./lib/warehouse.ts";

const { term } = await reportTerms();
const params = { term: term ?? -1 };
const count = async (def: typeof elections | typeof electionChecks) =>
  (await queryRows([def], (table) => `SELECT count(*) AS n FROM ${table} WHERE term = $term`, params))[0]
    ?.n ?? 0;
writeJson({ term, elections: await count(elections), election_checks: await count(electionChecks) });
