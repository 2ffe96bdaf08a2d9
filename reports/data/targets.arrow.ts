// Target completion per term and scope.
import { targets } from "../../src/warehouse.ts";
import { writeArrow } from "./lib/warehouse.ts";

await writeArrow(targets, { orderBy: ["term", "target_id", "scope", "scope_id"] });
