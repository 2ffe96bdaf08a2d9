/**
 * Build the site for the browser tests, into a folder (global-setup.ts does it once per test run).
 * With the sample dataset and the CLI present: the real pipeline
 * (huanjie build data/sample → warehouse → site). Without them: the
 * fabricated warehouse of fixture-warehouse.ts.
 */
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import {
  DDE_NAME,
  FORMULA_NAME,
  MARKUP_NAME,
  SCRIPT_NAME,
  writeFixtureWarehouse,
} from "./fixture-warehouse.ts";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const CHROMIUM = "/usr/bin/chromium";

/** Whether builds run without network (`unshare -n` works here: root on Linux). */
export const OFFLINE = spawnSync("unshare", ["-n", "true"]).status === 0;

export interface Site {
  dist: string;
  warehouse: string;
  /** The dataset folder the site was built from (sample mode), or "". */
  dataset: string;
  mode: "sample" | "fixture";
}

/** Build the site below `dir` (its warehouse in out/, the site in dist/, the dataset's copy in sample/). */
export async function buildSite(dir: string): Promise<Site> {
  // For working on the pages: HUANJIE_SITE_PREBUILT=dist reuses a build (fixture data assumed).
  const prebuilt = process.env.HUANJIE_SITE_PREBUILT;
  if (prebuilt) return { dist: resolve(prebuilt), warehouse: "", dataset: "", mode: "fixture" };
  const warehouse = join(dir, "out");
  const dist = join(dir, "dist");
  const sample = join(ROOT, "data", "sample", "dataset.yaml");
  const mode =
    existsSync(sample) && existsSync(join(ROOT, "src", "cli", "cli.ts")) && !process.env.HUANJIE_SITE_FIXTURE
      ? "sample"
      : "fixture";
  const dataset = join(dir, "sample");
  if (mode === "fixture") await writeFixtureWarehouse(warehouse);
  else {
    // The sample plus two committee members of 文化社区 whose names are markup and a formula. They are
    // men over 35 without college education, so no party figure and no target figure of the reference changes.
    cpSync(join(ROOT, "data", "sample"), dataset, { recursive: true });
    const csv = (s: string) => `"${s.replaceAll('"', '""')}"`;
    appendFileSync(
      join(dataset, "2021年社区两委成员花名册.csv"),
      [MARKUP_NAME, FORMULA_NAME, SCRIPT_NAME, DDE_NAME]
        .map((name) => `城关镇,文化社区,${csv(name)},男,汉族,19650301,,群众,初中,居委会,委员,2021-01-10\r\n`)
        .join(""),
    );
  }
  // The build must need no network: where the machine lets us (root, as in CI), run it in a network
  // namespace of its own, with no interface but a down loopback. A request would fail the build.
  const argv = [join(ROOT, "scripts", "build-site.js"), ...(mode === "fixture" ? ["--no-ingest"] : [])];
  const [command, ...args] = OFFLINE
    ? ["unshare", "-n", process.execPath, ...argv]
    : [process.execPath, ...argv];
  // Asynchronous: a synchronous child would block the vitest worker's RPC for the whole build.
  const child = spawn(command as string, args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      HUANJIE_DATASET: dataset,
      HUANJIE_WAREHOUSE: warehouse,
      HUANJIE_SITE_DIST: dist,
      SOURCE_DATE_EPOCH: "1611100800",
    },
  });
  let log = "";
  child.stdout.on("data", (b: Buffer) => (log = (log + b.toString()).slice(-6000)));
  child.stderr.on("data", (b: Buffer) => (log = (log + b.toString()).slice(-6000)));
  const status = await new Promise<number | null>((done) => child.on("close", done));
  if (status !== 0) throw new Error(`site build (${mode}) failed (${status}):\n${log}`);
  return { dist, warehouse, dataset: mode === "sample" ? dataset : "", mode };
}

// What the tests share with `npm run pdf` (scripts/pdf.js is plain JS without types, hence the indirection):
// chromium's flags, the print plan and the step that readies a page for print.
const pdfScript: string = "../../scripts/pdf.js";
const pdf = (await import(pdfScript)) as {
  CHROMIUM_ARGS: string[];
  printJobs: (dist: string) => { path: string; file: string }[];
  printMedia: (page: Page) => Promise<void>;
};
export const { CHROMIUM_ARGS: chromiumArgs, printJobs, printMedia } = pdf;
