// One row per election (term, unit, body, office, round).
import { elections } from "../../src/warehouse.ts";
import { writeArrow } from "./lib/warehouse.ts";

await writeArrow(elections, { orderBy: ["term", "township", "unit_id", "body", "office", "round"] });
