/**
 * The contract of a site data loader (loaders/*.ts): a function of the warehouse directory that returns
 * the bytes of one data file. Framework runs the shims in reports/data/ (one process each; they write
 * the bytes to standard output); the build runs the functions itself (scripts/run-loaders.js).
 */
import { resolve } from "node:path";

export type Loader = (warehouse: string) => Promise<Uint8Array>;

/** The warehouse the loaders read: HUANJIE_WAREHOUSE, default data/out. */
export function warehouseDir(): string {
  return resolve(process.env.HUANJIE_WAREHOUSE ?? "data/out");
}

/** What a reports/data shim does: run `loader` on the warehouse and write its bytes to standard output. */
export async function toStdout(loader: Loader): Promise<void> {
  process.stdout.write(await loader(warehouseDir()));
}
