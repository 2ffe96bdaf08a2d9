// Target results per unit: the to-do list.
import { targetUnits } from "../../src/warehouse.ts";
import { writeArrow } from "./lib/warehouse.ts";

await writeArrow(targetUnits, { orderBy: ["term", "target_id", "township", "unit_id"] });
