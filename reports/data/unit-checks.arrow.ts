// Statutory unit checks (committee size, a woman member, one secretary).
import { unitChecks } from "../../src/warehouse.ts";
import { writeArrow } from "./lib/warehouse.ts";

await writeArrow(unitChecks, { orderBy: ["term", "township", "unit_id", "check"] });
