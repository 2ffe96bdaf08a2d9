/**
 * `node --import tsx scripts/write-jurisdictions.js OUT [I N]`, started by build-site.js beside the loaders and
 * Framework's build: the data files of the township, unit and region pages (loaders/jurisdictions.ts), from
 * the warehouse HUANJIE_WAREHOUSE names, into OUT; with I N, shard I of N (every N-th county's files; shard 0
 * also the JSON and regions' files), so that N processes share the work.
 */
import { resolve } from "node:path";
import { writeJurisdictions } from "../loaders/jurisdictions.ts";
import { warehouseDir } from "../loaders/lib/loader.ts";

const [out, index = "0", count = "1"] = process.argv.slice(2);
if (!out) throw new Error("usage: write-jurisdictions.js OUT [I N]");
const { townships, regions, seconds } = await writeJurisdictions(warehouseDir(), resolve(out), {
  shard: [Number(index), Number(count)],
});
console.log(
  `build-site: data of ${townships} townships and ${regions} regions written (shard ${index} of ${count}) ${JSON.stringify(seconds)}`,
);
