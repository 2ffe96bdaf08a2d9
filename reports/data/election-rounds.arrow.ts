// The second and later rounds of the reported term's elections, listed in full on the elections page.
import { elections } from "../../src/warehouse/tables.ts";
import { reportTerms, writeArrow } from "./lib/warehouse.ts";

const { term } = await reportTerms();
await writeArrow(elections, {
  columns: ["township", "unit", "body", "office", "round", "election_date", "seats", "elected", "turnout"],
  where: `term = ${Number(term ?? -1)} AND round >= 2`,
  orderBy: ["township", "unit_id", "body", "office", "round"],
});
