// Structure metrics at county and township scope (metrics.md).
import { structure } from "../../src/warehouse.ts";
import { writeArrow } from "./lib/warehouse.ts";

await writeArrow(structure, {
  where: "scope <> 'unit'",
  orderBy: ["term", "scope", "scope_id", "body", "metric"],
});
