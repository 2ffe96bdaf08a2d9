// Disqualifications by reason, as written, reported term only.
import { vettingReasons } from "../../src/warehouse/tables.ts";
import { reportTerms, writeArrow } from "./lib/warehouse.ts";

const { term } = await reportTerms();

await writeArrow(vettingReasons, {
  where: `term = ${Number(term ?? -1)}`,
  orderBy: ["term", "scope", "scope_id", "reason"],
});
