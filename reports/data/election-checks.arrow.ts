// Election-validity checks (metrics.md, Election checks).
import { electionChecks } from "../../src/warehouse.ts";
import { writeArrow } from "./lib/warehouse.ts";

await writeArrow(electionChecks, {
  orderBy: ["term", "township", "unit_id", "body", "office", "round", "check"],
});
