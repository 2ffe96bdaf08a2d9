// Build facts for the 关于 page: versions and the build date from SOURCE_DATE_EPOCH (no wall clock).
import { readFileSync } from "node:fs";
import { jsonBytes } from "./lib/json.ts";

const version = (pkg: string) =>
  (JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, "utf8")) as { version: string }).version;

export async function build(_warehouse: string): Promise<Uint8Array> {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return jsonBytes({
    huanjie: version("../"),
    node: process.versions.node,
    framework: version("@observablehq/framework"),
    d3_scale: version("d3-scale"),
    arrow: version("apache-arrow"),
    flechette: version("@uwdata/flechette"),
    duckdb: version("@duckdb/node-api"),
    source_date_epoch: epoch ?? null,
    built: epoch ? new Date(Number(epoch) * 1000).toISOString() : null,
  });
}
