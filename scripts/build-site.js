#!/usr/bin/env node
/**
 * `npm run build`: warehouse → static report site in dist/.
 *
 * Environment: HUANJIE_DATASET, HUANJIE_WAREHOUSE, HUANJIE_SITE_DIST (default dist), SOURCE_DATE_EPOCH.
 *
 * 1. `huanjie build $HUANJIE_DATASET (default data/sample) --out $HUANJIE_WAREHOUSE (default data/out)`,
 *    unless `--no-ingest` is given or HUANJIE_WAREHOUSE names a warehouse and HUANJIE_DATASET is not set:
 *    then the existing warehouse (built or combined, at any level) is used as is (docs/levels.md).
 * 2. Loader cache: Framework re-runs a data loader only when its cached output
 *    is missing or older than the loader file, never when the warehouse (or a
 *    src/ module) changes. We key the loader outputs by a sha256 over every
 *    warehouse file, every loader source (reports/data, loaders/) and src/ (reports/.observablehq/cache/
 *    .huanjie-data-key) and delete them when it differs, so loaders always
 *    read the current warehouse; Framework's bundles of node_modules are kept
 *    until package-lock.json or the project's own packages/ change (.huanjie-bundles-key).
 * 3. `observable build` with telemetry disabled, SOURCE_DATE_EPOCH set (from the
 *    environment, else the HEAD commit time) so the build date is reproducible; beside the loaders and it,
 *    in a process per core, the files of the township, unit and region pages (scripts/write-jurisdictions.js:
 *    a folder per township or county and per region), moved into dist/_data/ when all are done. The pages
 *    are fixed: their number does not grow with the warehouse (docs/decisions.md, "The report site at every level").
 * 4. Post-process dist/**\/*.html: `<html lang="zh-CN">`; file timestamps
 *    Framework embeds (`lastModified`) replaced by SOURCE_DATE_EPOCH; a
 *    Content-Security-Policy <meta> that allows scripts only from the origin
 *    and the page's own inline scripts by sha256 hash (so no script injected
 *    through data could run), no off-origin requests at all.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
process.chdir(root);
const args = process.argv.slice(2);
// HUANJIE_WAREHOUSE alone names an existing warehouse to publish (built or combined): nothing to ingest.
const ingest =
  !args.includes("--no-ingest") &&
  (process.env.HUANJIE_DATASET != null || process.env.HUANJIE_WAREHOUSE == null);
const dataset = resolve(process.env.HUANJIE_DATASET ?? "data/sample");
const warehouse = resolve(process.env.HUANJIE_WAREHOUSE ?? "data/out");
const cacheDir = join(root, "reports", ".observablehq", "cache");
const dist = resolve(process.env.HUANJIE_SITE_DIST ?? "dist");

// One site build at a time in a checkout: Framework's loader cache (reports/.observablehq/cache) is shared,
// and a second build of another warehouse would clear or replace the first one's loader outputs, so that
// one site could show the other's figures. A second build is refused (status 3, as `huanjie build` is for
// a locked output folder); the lock of a build that died is taken over.
const lockFile = join(cacheDir, ".huanjie-build.lock");
mkdirSync(cacheDir, { recursive: true });
function takeLock() {
  try {
    writeFileSync(lockFile, String(process.pid), { flag: "wx" });
    return 0;
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
  }
  const holder = Number(readFileSync(lockFile, "utf8")) || -1;
  try {
    process.kill(holder, 0);
    return holder;
  } catch (error) {
    if (error.code === "EPERM") return holder;
  }
  rmSync(lockFile, { force: true });
  return takeLock();
}
const holder = takeLock();
if (holder !== 0) {
  console.error(
    `build-site: another site build (process ${holder}) is running in this checkout (${relative(root, lockFile)}); wait for it to end`,
  );
  process.exit(3);
}
process.on("exit", () => rmSync(lockFile, { force: true }));

const env = {
  ...process.env,
  OBSERVABLE_TELEMETRY_DISABLE: "true",
  TZ: "UTC",
  HUANJIE_WAREHOUSE: warehouse,
  HUANJIE_SITE_DIST: dist,
  // Framework spawns `tsx` for *.ts loaders: make node_modules/.bin reachable without npm.
  PATH: `${join(root, "node_modules", ".bin")}${process.platform === "win32" ? ";" : ":"}${process.env.PATH ?? ""}`,
};
env.SOURCE_DATE_EPOCH ??= sourceDateEpoch();

function sourceDateEpoch() {
  try {
    return execFileSync("git", ["log", "-1", "--format=%ct"], { cwd: root, encoding: "utf8" }).trim() || "0";
  } catch {
    return "0";
  }
}

function run(cmd, argv) {
  const r = spawnSync(cmd, argv, { stdio: "inherit", env, cwd: root });
  if (r.status !== 0) {
    console.error(`build-site: ${[cmd, ...argv].join(" ")} failed (${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

/** Run node with `argv` as a child (asynchronously, so that two run at once): its exit code and wall seconds. */
function runNode(argv) {
  const start = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, argv, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("close", (code, signal) =>
      done({ code: code ?? signal, seconds: Math.round(performance.now() - start) / 1000 }),
    );
  });
}

function* walk(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

// Wall-clock seconds per stage, printed at the end (npm run bench -- --site reads them).
const stages = {};
let stageStart = performance.now();
function stageDone(name) {
  const now = performance.now();
  stages[name] = Math.round(now - stageStart) / 1000;
  stageStart = now;
}

// 1. ingest
if (ingest) run(process.execPath, [join(root, "bin", "huanjie.js"), "build", dataset, "--out", warehouse]);
stageDone("warehouse");
if (!ingest && process.env.HUANJIE_DATASET == null && !existsSync(join(warehouse, "manifest.json"))) {
  console.error(`build-site: ${warehouse} is not a warehouse (no manifest.json); build or combine one first`);
  process.exit(2);
}
if (!existsSync(warehouse)) console.warn(`build-site: no warehouse at ${warehouse}; pages will be empty`);

// 2. loader cache keyed by its inputs. Loader outputs (everything not starting
// with "_") are keyed by the warehouse, the loaders, src/ and packages/; Framework's own
// bundles (_node, _npm, _observablehq…) by package-lock.json and packages/.
// Files are named relative to their folder (not to the repository), so that builds of equal warehouses
// in different places (the page tests' temporary one and data/out) share the cache, not clear it.
function digest(dirs) {
  const h = createHash("sha256");
  for (const [i, dir] of dirs.entries())
    for (const file of walk(dir))
      h.update(`${i}/${relative(dir, file)}`)
        .update("\0")
        .update(readFileSync(file))
        .update("\0");
  return h.digest("hex");
}
const packages = join(root, "packages");
const keys = {
  data: digest([
    warehouse,
    join(root, "reports", "data"),
    join(root, "loaders"),
    join(root, "src"),
    packages,
  ]),
  // The project's own packages (packages/, linked into node_modules) change without a new version.
  bundles: createHash("sha256")
    .update(existsSync("package-lock.json") ? readFileSync("package-lock.json") : "")
    .update(digest([packages]))
    .digest("hex"),
};
mkdirSync(cacheDir, { recursive: true });
for (const [kind, value] of Object.entries(keys)) {
  const keyFile = join(cacheDir, `.huanjie-${kind}-key`);
  if (existsSync(keyFile) && readFileSync(keyFile, "utf8") === value) continue;
  for (const name of readdirSync(cacheDir)) {
    if (name.startsWith(".huanjie-")) continue;
    if (kind === "data" ? !name.startsWith("_") : name.startsWith("_")) {
      rmSync(join(cacheDir, name), { recursive: true, force: true });
    }
  }
  writeFileSync(keyFile, value);
}

// The data files of the township, unit and region pages (loaders/jurisdictions.ts), written by DuckDB queries
// outside Framework's page loop into a folder next to dist/ (Framework empties dist/), then moved into
// dist/_data/, where the pages fetch them. They need only the warehouse, so they start now, beside the loaders
// and then Framework's build, in one process per core (shards: every n-th county each; shard 0 also the JSON
// and regions' files), so that a national warehouse's files do not leave one core idle at the end.
const dataDir = `${dist}.data-${process.pid}`;
rmSync(dataDir, { recursive: true, force: true });
const shards = Math.max(1, Math.min(availableParallelism(), 4));
const data = Promise.all(
  Array.from({ length: shards }, (_, i) =>
    runNode([
      "--import",
      "tsx",
      join(root, "scripts", "write-jurisdictions.js"),
      dataDir,
      String(i),
      String(shards),
    ]),
  ),
).then((runs) => ({
  code: runs.find((r) => r.code !== 0)?.code ?? 0,
  seconds: Math.max(...runs.map((r) => r.seconds)),
}));

// Run the loaders whose output is missing (Framework would run them one after the other, a process
// each): shared out among one process per core (scripts/run-loaders.js runs a group in one process);
// Framework then finds them cached, newer than their source.
const loaderDir = join(root, "reports", "data");
const pending = readdirSync(loaderDir)
  .filter((n) => /\.(json|arrow)\.(ts|js)$/.test(n))
  .map((n) => n.replace(/\.(ts|js)$/, ""))
  .map((name) => ({ name, out: join(cacheDir, "data", name) }))
  .filter((job) => !existsSync(job.out));
mkdirSync(join(cacheDir, "data"), { recursive: true });
const started = Date.now();
const groups = Array.from({ length: Math.min(availableParallelism(), 4, pending.length) }, () => []);
for (const [i, job] of pending.entries()) groups[i % groups.length].push(job);
try {
  await Promise.all(
    groups.map(async (jobs) => {
      const argv = ["--import", "tsx", join(root, "scripts", "run-loaders.js")];
      for (const { name, out } of jobs) argv.push(name, out);
      const { code } = await runNode(argv);
      if (code !== 0) throw new Error(`data loaders ${jobs.map((j) => j.name).join(", ")} failed (${code})`);
    }),
  );
} catch (error) {
  // No half-written data folder left beside dist/.
  await data;
  rmSync(dataDir, { recursive: true, force: true });
  throw error;
}
if (pending.length) console.log(`build-site: ${pending.length} data loaders in ${Date.now() - started} ms`);

// Framework's own client code names `npm:` packages (react-dom for JSX, duckdb,
// leaflet…) that our pages never load. Bundling it still resolves their
// versions, from folder names under cache/_npm/ or else from the npm registry.
// Seed those folders (empty: nothing is downloaded) so the build needs no
// network; an installed package gives its own version.
const FRAMEWORK_NPM = [
  ...["@observablehq/duckdb", "@observablehq/inputs", "@observablehq/plot", "@observablehq/sample-datasets"],
  ...[
    "@uwdata/vgplot",
    "@viz-js/viz",
    "apache-arrow",
    "arquero",
    "d3",
    "d3-dsv",
    "echarts",
    "exceljs",
    "htl",
  ],
  ...["jszip", "katex", "leaflet", "lodash", "mapbox-gl", "mermaid", "parquet-wasm", "react", "react-dom"],
  ...["sql.js", "topojson-client", "vega", "vega-lite", "vega-lite-api"],
];
for (const name of FRAMEWORK_NPM) {
  const npmDir = join(cacheDir, "_npm");
  const prefix = `${name}@`;
  const scope = dirname(join(npmDir, prefix));
  if (existsSync(scope) && readdirSync(scope).some((n) => n.startsWith(prefix.split("/").pop()))) continue;
  const manifest = join(root, "node_modules", name, "package.json");
  const version = existsSync(manifest) ? JSON.parse(readFileSync(manifest, "utf8")).version : "0.0.0-offline";
  mkdirSync(join(npmDir, `${name}@${version}`), { recursive: true });
}

stageDone("loaders");

// 3. build; the jurisdictions' data files are being written meanwhile (above).
rmSync(dist, { recursive: true, force: true });
const framework = await runNode([
  join(root, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js"),
  "build",
]);
stageDone("framework");
const written = await data;
if (framework.code !== 0 || written.code !== 0) {
  rmSync(dataDir, { recursive: true, force: true });
  console.error(
    `build-site: ${framework.code !== 0 ? `observable build failed (${framework.code})` : `the jurisdictions' data files failed (${written.code})`}`,
  );
  process.exit(typeof framework.code === "number" && framework.code ? framework.code : 1);
}
renameSync(dataDir, join(dist, "_data"));
// The data files' own seconds (written while Framework built the pages: not added to the wall time).
stages.data = written.seconds;
stageDone("wait");

// 4. post-process
const epochMs = Number(env.SOURCE_DATE_EPOCH) * 1000;
let pages = 0;
for (const file of walk(dist)) {
  if (!file.endsWith(".html")) continue;
  let html = readFileSync(file, "utf8");
  html = html.replace(/<html>/, '<html lang="zh-CN">');
  html = html.replace(/"lastModified":[0-9.]+/g, `"lastModified":${epochMs}`);
  const hashes = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
    if (/\ssrc=/.test(m[1] ?? "")) continue;
    hashes.push(`'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${[...new Set(hashes)].join(" ")}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
  const meta = `<meta http-equiv="Content-Security-Policy" content="${csp}">`;
  if (!html.includes('<meta charset="utf-8">'))
    throw new Error(`${file}: no <meta charset> to anchor the CSP`);
  html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n${meta}`);
  writeFileSync(file, html);
  pages++;
}
stageDone("postprocess");
console.log(`build-site: stages ${JSON.stringify(stages)}`);
console.log(
  `build-site: ${pages} pages in ${relative(root, dist)}/ (warehouse ${relative(root, warehouse) || "."})`,
);
