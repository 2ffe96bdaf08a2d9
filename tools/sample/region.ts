/**
 * A seeded city (or province) of small synthetic counties, written twice: each
 * county as its own county dataset (`OUT/<县名>/`), and the whole region as one
 * dataset above county level (`OUT/<region name>/`) whose files are the
 * counties' rows with the 县 column (and the 市 column for a province) in
 * front, as a city's raw exports would be. The counties share their township
 * names (one township stream), so the region's townships repeat across
 * counties and need the county to tell them apart (docs/levels.md).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CsvCell } from "./csv-sink.ts";
import {
  PartedSink,
  SYNTHETIC_ENCODINGS,
  SYNTHETIC_HEADERS,
  type SyntheticFile,
  type SyntheticSummary,
  writeSynthetic,
} from "./synthetic.ts";
import { TARGETS_YAML } from "./targets-file.ts";

export interface RegionCounty {
  readonly name: string;
  /** The county's city (a province's counties only). */
  readonly city?: string;
}

export interface RegionOptions {
  readonly seed: number;
  readonly level: "city" | "province";
  /** The region's dataset name (a city's or province's). */
  readonly name: string;
  readonly counties: readonly RegionCounty[];
  readonly townships: number;
  readonly unitsPerTownship: number;
  /** Units per county without a 区划代码 (their unit_id is derived from the names). */
  readonly withoutCode: number;
  readonly outDir: string;
}

/** The three-county city shipped as data/city. */
export const CITY_PRESET: Omit<RegionOptions, "outDir"> = {
  seed: 20210301,
  level: "city",
  name: "呼和浩特市",
  counties: [{ name: "和林格尔县" }, { name: "清水河县" }, { name: "武川县" }],
  townships: 3,
  unitsPerTownship: 6,
  withoutCode: 2,
};

/** A province of two cities of two counties each. */
export const PROVINCE_PRESET: Omit<RegionOptions, "outDir"> = {
  seed: 20210302,
  level: "province",
  name: "内蒙古自治区",
  counties: [
    { name: "和林格尔县", city: "呼和浩特市" },
    { name: "武川县", city: "呼和浩特市" },
    { name: "固阳县", city: "包头市" },
    { name: "土默特右旗", city: "包头市" },
  ],
  townships: 3,
  unitsPerTownship: 5,
  withoutCode: 2,
};

const FILES: readonly SyntheticFile[] = ["units", "roster-2018", "roster-2021", "votes-2021", "vetting-2021"];

/** Write the counties and the region; returns each county's summary by name. */
export function writeRegion(o: RegionOptions): Record<string, SyntheticSummary> {
  const top = join(o.outDir, o.name);
  mkdirSync(top, { recursive: true });
  const levelHeader = o.level === "province" ? ["市", "县"] : ["县"];
  const sinks = Object.fromEntries(
    FILES.map((f) => [
      f,
      new PartedSink(top, f, SYNTHETIC_ENCODINGS[f], [...levelHeader, ...SYNTHETIC_HEADERS[f]], Infinity),
    ]),
  ) as Record<SyntheticFile, PartedSink>;
  const out: Record<string, SyntheticSummary> = {};
  o.counties.forEach((county, i) => {
    const cells: CsvCell[] = o.level === "province" ? [county.city ?? "", county.name] : [county.name];
    out[county.name] = writeSynthetic({
      seed: o.seed + 1 + i,
      townships: o.townships,
      unitsPerTownship: o.unitsPerTownship,
      outDir: join(o.outDir, county.name),
      name: county.name,
      countyCode: 150121 + 2 * i,
      withoutCode: o.withoutCode,
      townshipSeed: o.seed,
      upper: { sinks, cells },
    });
  });
  for (const s of Object.values(sinks)) s.close();
  writeFileSync(join(top, "targets.yaml"), TARGETS_YAML);
  writeFileSync(
    join(top, "dataset.yaml"),
    `# ${o.name}: ${o.counties.length} synthetic counties (seed ${o.seed}), the rows of ../<县名>/ with the ${levelHeader.join("、")} column
name: ${o.name}
level: ${o.level}
units: units.csv
targets: targets.yaml
terms:
  - term: 2018
    reference_date: 2018-06-30
    roster: [roster-2018.csv]
  - term: 2021
    reference_date: 2021-01-16
    roster: [roster-2021.csv]
    votes: [votes-2021.csv]
    candidates: [vetting-2021.csv]
`,
  );
  return out;
}
