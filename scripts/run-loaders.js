/**
 * Run data loaders one after the other in this one process: `node --import tsx scripts/run-loaders.js
 * SRC OUT [SRC OUT…]`, started by build-site.js. Each loader's standard output goes to its OUT file
 * (written to OUT.<pid> and renamed when the loader is done). A loader started on its own pays a Node
 * start and the imports every loader shares (DuckDB, Arrow, zod, src/) — about two seconds of CPU each;
 * here they are paid once. Loaders write with process.stdout.write only, and finish their work before
 * their module evaluation ends (top-level await), so importing a loader runs it.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const stdoutWrite = process.stdout.write;
for (let i = 0; i + 1 < args.length; i += 2) {
  const src = resolve(args[i]);
  const out = resolve(args[i + 1]);
  const tmp = `${out}.${process.pid}`;
  const fd = openSync(tmp, "w");
  process.stdout.write = (chunk, encoding, done) => {
    const callback = typeof encoding === "function" ? encoding : done;
    writeSync(
      fd,
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8")
        : chunk,
    );
    callback?.();
    return true;
  };
  try {
    await import(pathToFileURL(src).href);
  } catch (error) {
    process.stdout.write = stdoutWrite;
    closeSync(fd);
    rmSync(tmp, { force: true });
    console.error(`loader ${args[i]} failed:`, error);
    process.exit(1);
  }
  process.stdout.write = stdoutWrite;
  closeSync(fd);
  renameSync(tmp, out);
}
// DuckDB instances the loaders leave open must not keep the process alive.
process.exit(0);
