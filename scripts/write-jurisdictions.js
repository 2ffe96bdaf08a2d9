/**
 * `node --import tsx scripts/write-jurisdictions.js OUT`, started by build-site.js beside Framework's build:
 * the data files of the township, unit and region pages, one folder per jurisdiction
 * (loaders/jurisdictions.ts), from the warehouse HUANJIE_WAREHOUSE names, into OUT.
 */
import { resolve } from "node:path";
import { writeJurisdictions } from "../loaders/jurisdictions.ts";
import { warehouseDir } from "../loaders/lib/loader.ts";

const out = process.argv[2];
if (!out) throw new Error("usage: write-jurisdictions.js OUT");
const { townships, regions, seconds } = await writeJurisdictions(warehouseDir(), resolve(out));
console.log(
  `build-site: data of ${townships} townships and ${regions} regions written ${JSON.stringify(seconds)}`,
);
