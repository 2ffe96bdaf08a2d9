/**
 * Run data loaders one after the other in this one process: `node --import tsx scripts/run-loaders.js
 * NAME OUT [NAME OUT…]`, started by build-site.js. NAME is a data file (`progress.arrow`); its loader
 * function (loaders/index.ts) returns the bytes, written to OUT.<pid> and renamed to OUT. A loader started
 * on its own pays a Node start and the imports every loader shares (DuckDB, Arrow, zod, src/) — about two
 * seconds of CPU each; here they are paid once. Every loader closes the databases it opens, so the
 * process ends by itself when the last one is done.
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { LOADERS } from "../loaders/index.ts";
import { warehouseDir } from "../loaders/lib/loader.ts";

const args = process.argv.slice(2);
const warehouse = warehouseDir();
for (let i = 0; i + 1 < args.length; i += 2) {
  const name = args[i];
  const out = resolve(args[i + 1]);
  const tmp = `${out}.${process.pid}`;
  const loader = LOADERS[name];
  try {
    if (!loader) throw new Error(`no loader for ${name} in loaders/index.ts`);
    writeFileSync(tmp, await loader(warehouse));
    renameSync(tmp, out);
  } catch (error) {
    rmSync(tmp, { force: true });
    console.error(`loader ${name} failed:`, error);
    process.exitCode = 1;
    break;
  }
}
