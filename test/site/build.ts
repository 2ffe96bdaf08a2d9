/**
 * Build the site once for the browser tests, into a temporary directory.
 * With the sample dataset and the CLI present: the real pipeline
 * (huanjie build data/sample → warehouse → site). Without them: the
 * fabricated warehouse of fixture-warehouse.ts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { writeFixtureWarehouse } from "./fixture-warehouse.ts";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const CHROMIUM = "/usr/bin/chromium";

export interface Site {
  dist: string;
  warehouse: string;
  mode: "sample" | "fixture";
}

export async function buildSite(): Promise<Site> {
  const dir = mkdtempSync(join(tmpdir(), "huanjie-site-"));
  const warehouse = join(dir, "out");
  const dist = join(dir, "dist");
  const sample = join(ROOT, "data", "sample", "dataset.yaml");
  const mode =
    existsSync(sample) && existsSync(join(ROOT, "src", "cli.ts")) && !process.env.HUANJIE_SITE_FIXTURE
      ? "sample"
      : "fixture";
  if (mode === "fixture") await writeFixtureWarehouse(warehouse);
  const r = spawnSync(
    process.execPath,
    [join(ROOT, "scripts", "build-site.js"), ...(mode === "fixture" ? ["--no-ingest"] : [])],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: {
        ...process.env,
        HUANJIE_DATASET: join(ROOT, "data", "sample"),
        HUANJIE_WAREHOUSE: warehouse,
        HUANJIE_SITE_DIST: dist,
        SOURCE_DATE_EPOCH: "1611100800",
      },
    },
  );
  if (r.status !== 0)
    throw new Error(`site build failed (${r.status}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return { dist, warehouse, mode };
}

export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
