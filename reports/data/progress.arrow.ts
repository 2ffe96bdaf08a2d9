// Daily completion series by body and scope (日报告日通报).
import { progress } from "../../src/warehouse.ts";
import { writeArrow } from "./lib/warehouse.ts";

await writeArrow(progress, { orderBy: ["term", "body", "scope", "scope_id", "day"] });
