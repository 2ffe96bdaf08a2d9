// Persons whose attribute behind a share is unknown (they count as not matching): county scope, only
// the metrics that have any.
import { unknowns } from "../../src/metric-tables.ts";
import { writeRows } from "./lib/warehouse.ts";

await writeRows(unknowns, {
  where: "scope = 'county' AND unknown > 0",
  orderBy: ["term", "body", "metric"],
});
