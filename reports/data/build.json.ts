// Build facts for the 关于 page: versions and the build date from SOURCE_DATE_EPOCH (no wall clock).
import { readFileSync } from "node:fs";
import { writeJson } from "./lib/warehouse.ts";

const version = (pkg: string) =>
  (JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, "utf8")) as { version: string }).version;
const epoch = process.env.SOURCE_DATE_EPOCH;
writeJson({
  huanjie: version("../"),
  node: process.versions.node,
  framework: version("@observablehq/framework"),
  plot: version("@observablehq/plot"),
  arrow: version("apache-arrow"),
  flechette: version("@uwdata/flechette"),
  duckdb: version("@duckdb/node-api"),
  source_date_epoch: epoch ?? null,
  built: epoch ? new Date(Number(epoch) * 1000).toISOString() : null,
});
