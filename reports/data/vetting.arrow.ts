// Candidate vetting funnel per scope and body, reported term only.
import { vetting } from "../../src/warehouse/tables.ts";
import { reportTerms, writeArrow } from "./lib/warehouse.ts";

const { term } = await reportTerms();

await writeArrow(vetting, {
  where: `term = ${Number(term ?? -1)}`,
  orderBy: ["term", "scope", "scope_id", "body"],
});
