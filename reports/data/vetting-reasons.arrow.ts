// Disqualifications by reason, as written.
import { vettingReasons } from "../../src/warehouse.ts";
import { writeArrow } from "./lib/warehouse.ts";

await writeArrow(vettingReasons, { orderBy: ["term", "scope", "scope_id", "reason"] });
