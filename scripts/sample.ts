/**
 * `npm run sample`: regenerate the shipped sample dataset (data/sample) byte
 * for byte, or write another seed or a large synthetic dataset elsewhere.
 *
 *   npm run sample                                   # data/sample, default seed
 *   npm run sample -- --seed 7 --out /tmp/county7    # the county preset, another seed
 *   npm run sample -- --townships 200 --units 150 --out /tmp/big   # synthetic, streamed
 *   npm run sample -- --city                          # data/city: three counties and their city
 *   npm run sample -- --province --out /tmp/province  # two cities of two counties, and their province
 */
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildCounty, DEFAULT_SEED } from "../tools/sample/county.ts";
import { writeCounty } from "../tools/sample/county-files.ts";
import { CITY_PRESET, PROVINCE_PRESET, writeRegion } from "../tools/sample/region.ts";
import { writeSynthetic } from "../tools/sample/synthetic.ts";

const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    out: { type: "string" },
    townships: { type: "string" },
    units: { type: "string" },
    city: { type: "boolean" },
    province: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  console.log(
    "usage: npm run sample -- [--seed N] [--out DIR] [--townships N --units N_PER_TOWNSHIP | --city | --province]\n" +
      "Without --townships: the county preset (data/sample by default). With it: a synthetic dataset.\n" +
      "--city: three synthetic counties, each a county dataset, and their city as one dataset (data/city by default);\n" +
      "--province: the same for two cities of two counties and their province (--out required).",
  );
  process.exit(0);
}

const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer: ${values.seed}`);

if (values.city || values.province) {
  const preset = values.province ? PROVINCE_PRESET : CITY_PRESET;
  const out = values.out ?? (values.province ? undefined : join(import.meta.dirname, "..", "data", "city"));
  if (!out) throw new Error("--out is required for a province");
  rmSync(out, { recursive: true, force: true });
  writeRegion({ ...preset, seed: values.seed === undefined ? preset.seed : seed, outDir: out });
  console.log(`${preset.level} ${preset.name} (seed ${values.seed ?? preset.seed}) → ${out}`);
} else if (values.townships !== undefined) {
  const townships = Number(values.townships);
  const unitsPerTownship = Number(values.units ?? 20);
  if (!values.out) throw new Error("--out is required for a synthetic dataset");
  const summary = writeSynthetic({ seed, townships, unitsPerTownship, outDir: values.out });
  console.log(`synthetic dataset: ${JSON.stringify(summary)} → ${values.out}`);
} else {
  const out = values.out ?? join(import.meta.dirname, "..", "data", "sample");
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(out)) rmSync(join(out, f), { recursive: true });
  const data = buildCounty(seed);
  writeCounty(data, out);
  console.log(`county sample (seed ${seed}) → ${out}`);
}
