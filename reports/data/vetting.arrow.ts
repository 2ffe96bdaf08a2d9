// Candidate vetting funnel per scope and body.
import { vetting } from "../../src/warehouse.ts";
import { writeArrow } from "./lib/warehouse.ts";

await writeArrow(vetting, { orderBy: ["term", "scope", "scope_id", "body"] });
