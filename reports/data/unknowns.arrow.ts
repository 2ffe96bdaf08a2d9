// Persons whose attribute behind a share is unknown (they count as not matching): county scope, only
// the metrics that have any.
import { unknowns } from "../../src/warehouse/tables.ts";
import { writeArrow } from "./lib/warehouse.ts";

await writeArrow(unknowns, {
  where: "scope = 'county' AND unknown > 0",
  orderBy: ["term", "body", "metric"],
});
