/**
 * The data files of the pages that choose their jurisdiction from the address (`township?t=<slug>`,
 * `unit?t=<township slug>&u=<unit slug>`, `region?r=<slug>`), written by scripts/build-site.js outside
 * Framework's page loop, under `OUT/` (the built site's `_data/`), reported term only:
 *
 * - `townships/<slug>/` per township: township.json ({ township, slug, term, prev_term }) and an Arrow IPC
 *   file per table: units.arrow
 *   (with each unit's page `slug`), members.arrow, previous.arrow (the previous term's members),
 *   checks.arrow, failures.arrow (the failed election checks only), elections.arrow, structure.arrow,
 *   targets.arrow (without the term column); members without person keys, birth dates or source rows, with
 *   `continuing`: whether the person held a seat of the same body in the same unit in the other term
 *   (连任), null without another term.
 * - `regions/<slug>/` above county level, per region (a county of a city; a city or county of a
 *   province…): region.json ({ scope, name, slug, units, parent, children, term, prev_term }) and the
 *   region's and its children's structure.arrow, targets.arrow and progress.arrow (the last day).
 *   The township folders are a county warehouse's. Above county level (township?c=<county slug>&t=<slug>) a
 *   county's region folder holds its townships' files instead: units, members, previous, checks, failures and
 *   elections in parts of whole townships (`regions/<county slug>/<part>/`, PART_UNITS), the metric rows in the
 *   county's own structure and targets files; and the county's unit-level lists for the 村社, 目标任务 and 选举
 *   pages (finder, todo, failed, rounds), so a national site writes tens of thousands of files, not 300,000;
 *   and files.json, the county's input files (manifest.json's `files` whose source_dataset is the county,
 *   without it) for the 数据质量 and 关于 pages, with rejects.arrow and warnings.arrow, the county's findings
 *   (those whose source_dataset is the county), for 数据质量.
 * - `townships.json`: every township's { slug, name } (and above county level its `county` slug), for
 *   `npm run pdf` (no page loads it).
 *
 * One DuckDB query per table: the engine filters, joins, orders and names each row's folder (the slug is
 * computed in SQL, the same SHA-256 as lib/slug.ts); the rows stream out in chunks of columns, already in
 * folder order, and each folder's run of rows becomes one Arrow file (Flechette), so no row is held as a
 * JavaScript object and memory stays at one folder's rows. Same warehouse, same bytes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBTypeId, listValue } from "@duckdb/node-api";
import {
  bool,
  type DataType,
  dictionary,
  float64,
  int32,
  tableFromArrays,
  tableToIPC,
  utf8,
} from "@uwdata/flechette";
import { REJECT_RULES, WARNING_RULES } from "../src/ingest/finding.ts";
import type { AnyTableDef } from "../src/warehouse/column.ts";
import { attachTables, type Warehouse, withWarehouse } from "../src/warehouse/directory.ts";
import { type Params, withDatabase } from "../src/warehouse/duckdb.ts";
import {
  electionChecks,
  elections,
  members,
  progress,
  rejects,
  structure,
  targets,
  targetUnits,
  unitChecks,
  units,
  warnings,
} from "../src/warehouse/tables.ts";
import { FINDINGS_ORDER } from "./lib/findings.ts";
import { type ManifestFiles, type Place, perCounty, places, warehouseLevels } from "./lib/levels.ts";
import { reportTerms } from "./lib/terms.ts";
import { textColumn } from "./lib/text-column.ts";

/** One Arrow file per folder: its columns, the table typing them, and the SQL (`_key` first: the folder). */
interface Part {
  file: string;
  def: AnyTableDef;
  columns: readonly string[];
  sql: string;
}

/**
 * Which folder a unit's row goes to, in SQL over a table aliased `a` with `township`: in a county warehouse its
 * township's (`townships/<township slug>/`); above county level its county's (`regions/<county slug>/`, the
 * county's region folder) for the county's lists, and for the unit-level files a part of it
 * (`regions/<county slug>/<n>/`: whole townships, up to PART_UNITS units, so a unit page's files stay small
 * in a county of many units), through the bound list of townships' folders (`township_folders`, a temporary
 * table). So a national site writes a folder per county (≈ 2,800) and a few parts, not one per township
 * (≈ 38,000).
 */
interface Keying {
  key: (a: string) => string;
  join: (a: string) => string;
}
const BY_TOWNSHIP: Keying = { key: (a) => TOWNSHIP_SLUG(`${a}.township`), join: () => "" };
const folderOf = (column: "_part" | "_county"): Keying => ({
  key: (a) => `${a}_f.${column}`,
  join: (a) => `JOIN township_folders ${a}_f ON ${a}_f.township = ${a}.township`,
});
/** At most this many units in a part of a county's unit-level files, unless one township has more. */
export const PART_UNITS = 200;
type UnitPart = Omit<Part, "sql"> & { sql: (k: Keying) => string };

// The same hashes as lib/slug.ts (a test compares them): DuckDB's sha256 is the hex of the UTF-8 bytes.
const TOWNSHIP_SLUG = (column: string) => `'t' || left(sha256(${column}), 8)`;
const UNIT_SLUG = `CASE WHEN regexp_full_match(unit_id, '[0-9]{12}') THEN unit_id
  ELSE 'u' || left(sha256(unit_id), 10) END`;

/** The columns as the pages read them: DATE as `YYYY-MM-DD`, BIGINT as DOUBLE (Arrow types below). */
const select = (def: AnyTableDef, columns: readonly string[], alias = "") =>
  columns
    .map((c) => {
      const type = def.columns[c]?.type;
      const ref = `${alias}"${c}"`;
      return type === "DATE"
        ? `${ref}::VARCHAR AS "${c}"`
        : type === "BIGINT"
          ? `${ref}::DOUBLE AS "${c}"`
          : ref;
    })
    .join(", ");

const ARROW: Record<string, () => DataType> = {
  VARCHAR: utf8,
  DATE: utf8,
  INTEGER: int32,
  BIGINT: float64,
  DOUBLE: float64,
  BOOLEAN: bool,
};
/** Columns the pages get beyond the table's own. */
const DERIVED: Record<string, () => DataType> = {
  slug: utf8,
  continuing: bool,
  township_slug: utf8,
  secretary: utf8,
  chair: utf8,
  members: float64,
  names: utf8,
  rule_label: utf8,
};
const arrowType = (def: AnyTableDef, column: string): DataType => {
  const type = def.columns[column]?.type;
  const make = (type && ARROW[type]) ?? DERIVED[column];
  if (!make) throw new Error(`no Arrow type for ${def.name}.${column}`);
  return make();
};

const unitPart = (file: string, def: AnyTableDef, columns: readonly string[], orderBy: string): UnitPart => ({
  file,
  def,
  columns,
  sql: (k) => `SELECT ${k.key("x")} AS _key, ${select(def, columns, "x.")} FROM ${def.name} x ${k.join("x")}
    WHERE x.term = $term ORDER BY _key, x.township, ${orderBy}`,
});
const townshipPart = (file: string, def: AnyTableDef, orderBy: string): Part => {
  const columns = def.columnNames.filter((c) => c !== "term");
  return {
    file,
    def,
    columns,
    sql: `SELECT ${TOWNSHIP_SLUG("scope_id")} AS _key, ${select(def, columns)} FROM ${def.name}
      WHERE term = $term AND scope = 'township' ORDER BY _key, ${orderBy}`,
  };
};

const MEMBER_COLUMNS = [
  ...["unit_id", "township", "unit", "body", "position", "name"],
  ...["gender", "ethnicity", "age", "education", "party_member"],
];
/**
 * The members of term `of` (a parameter), each with `continuing`: whether the same person (person_key)
 * held a seat of the same body in the same unit in term `other`; NULL when there is no other term.
 */
const membersOfTerm = (file: string, of: string, other: string): UnitPart => ({
  file,
  def: members,
  columns: [...MEMBER_COLUMNS, "continuing"],
  sql: (k) => `SELECT ${k.key("m")} AS _key, ${select(members, MEMBER_COLUMNS, "m.")},
      CASE WHEN ${other} IS NULL THEN NULL ELSE EXISTS (
        SELECT 1 FROM members o
        WHERE o.term = ${other} AND o.unit_id = m.unit_id AND o.body = m.body AND o.person_key = m.person_key
      ) END AS continuing
    FROM members m ${k.join("m")} WHERE m.term = ${of}
    ORDER BY _key, m.township, m.unit_id, m.body, m.source_file, m.source_row`,
});

// Names and columns are fixed identifiers written here, never data. The unit page's files (and the township
// page's units and members): a township's, or above county level a county's (all its townships').
const UNIT_PARTS: UnitPart[] = [
  {
    file: "units",
    def: units,
    columns: [...units.columnNames, "slug"],
    sql: (k) => `SELECT ${k.key("x")} AS _key, ${select(units, units.columnNames, "x.")},
        ${UNIT_SLUG.replaceAll("unit_id", "x.unit_id")} AS slug
      FROM units x ${k.join("x")} ORDER BY _key, x.township, x.unit_id`,
  },
  membersOfTerm("members", "$term", "$other"),
  membersOfTerm("previous", "$other", "$term"),
  unitPart(
    "checks",
    unitChecks,
    ["unit_id", "township", "check", "status", "message"],
    'x.unit_id, x."check"',
  ),
  {
    file: "failures",
    def: electionChecks,
    columns: ["unit_id", "township", "body", "office", "round", "check", "message"],
    sql: (k) => `SELECT ${k.key("x")} AS _key, x.unit_id, x.township, x.body, x.office, x.round, x."check",
        x.message
      FROM election_checks x ${k.join("x")} WHERE x.term = $term AND x.status = 'failed'
      ORDER BY _key, x.township, x.unit_id, x.body, x.office, x.round, x."check"`,
  },
  unitPart(
    "elections",
    elections,
    [
      ...["unit_id", "township", "body", "office", "round", "election_date"],
      ...["seats", "candidates", "entitled", "cast", "turnout"],
    ],
    "x.unit_id, x.body, x.office, x.round",
  ),
];
/** A county warehouse's township folders also hold the township's structure and targets rows. */
const TOWNSHIP_PARTS: Part[] = [
  townshipPart("structure", structure, "scope_id, body, metric"),
  townshipPart("targets", targets, "scope_id, target_id"),
];

/**
 * Above county level, the unit-level lists of the 村社, 目标任务 and 选举 pages, per county (in the county's
 * region folder), fetched when a county is chosen: the same rows and columns as the county warehouse's
 * loaders (unit-finder.ts, target-todo.ts, check-failures.ts, election-rounds.ts) give for a whole county.
 */
const COUNTY_PARTS: UnitPart[] = [
  {
    // unit-finder.ts's rows: secretary and chair (the first in roster order), the distinct names in roster
    // order and their number, reported term.
    file: "finder",
    def: units,
    columns: [
      ...["township", "unit", "unit_type", "slug", "township_slug", "secretary", "chair", "members"],
      "names",
    ],
    sql: (k) => `WITH m AS (
        SELECT unit_id, body, position, name,
          row_number() OVER (ORDER BY township, unit_id, body, source_file, source_row) AS i
        FROM members WHERE term = $term
      ), firsts AS (
        SELECT unit_id, name, min(i) AS i FROM m GROUP BY unit_id, name
      ), names AS (
        SELECT unit_id, count(*)::DOUBLE AS members, string_agg(name, '、' ORDER BY i) AS names
        FROM firsts GROUP BY unit_id
      ), heads AS (
        SELECT unit_id,
          arg_min(name, i) FILTER (WHERE body = 'party' AND position = 'secretary') AS secretary,
          arg_min(name, i) FILTER (WHERE body = 'committee' AND position = 'chair') AS chair
        FROM m GROUP BY unit_id
      )
      SELECT ${k.key("x")} AS _key, x.township, x.unit, x.unit_type,
        ${UNIT_SLUG.replaceAll("unit_id", "x.unit_id")} AS slug, ${TOWNSHIP_SLUG("x.township")} AS township_slug,
        coalesce(h.secretary, '') AS secretary, coalesce(h.chair, '') AS chair,
        coalesce(n.members, 0) AS members, coalesce(n.names, '') AS names
      FROM units x ${k.join("x")} LEFT JOIN names n ON n.unit_id = x.unit_id
        LEFT JOIN heads h ON h.unit_id = x.unit_id
      ORDER BY _key, x.township, x.unit_id`,
  },
  {
    // target-todo.ts's rows: the units that miss a target.
    file: "todo",
    def: targetUnits,
    columns: ["target_id", "township", "unit", "actual", "has_data", "slug", "township_slug"],
    sql: (k) => `SELECT ${k.key("x")} AS _key, x.target_id, x.township, x.unit, x.actual, x.has_data,
        ${UNIT_SLUG.replaceAll("unit_id", "x.unit_id")} AS slug, ${TOWNSHIP_SLUG("x.township")} AS township_slug
      FROM target_units x ${k.join("x")} WHERE x.term = $term AND x.met IS NOT TRUE
      ORDER BY _key, x.target_id, x.township, x.unit_id`,
  },
  {
    // check-failures.ts's rows: the failed election checks, then the failed unit checks.
    file: "failed",
    def: electionChecks,
    columns: ["township", "unit", "body", "office", "round", "check", "status", "message"],
    sql: (k) => `SELECT ${k.key("x")} AS _key, x.township, x.unit, x.body, x.office, x.round, x."check",
        x.status, x.message
      FROM (
        SELECT 0 AS part, * EXCLUDE (term) FROM election_checks WHERE term = $term AND status = 'failed'
        UNION ALL BY NAME
        SELECT 1 AS part, * EXCLUDE (term) FROM unit_checks WHERE term = $term AND status = 'failed'
      ) x ${k.join("x")}
      ORDER BY _key, x.part, x.township, x.unit_id, x.body, x.office, x.round, x."check"`,
  },
  {
    // election-rounds.ts's rows: the second and later rounds.
    file: "rounds",
    def: elections,
    columns: [
      ...["township", "unit", "body", "office", "round"],
      ...["election_date", "seats", "elected", "turnout"],
    ],
    sql: (k) => `SELECT ${k.key("x")} AS _key, ${select(
      elections,
      ["township", "unit", "body", "office", "round", "election_date", "seats", "elected", "turnout"],
      "x.",
    )}
      FROM elections x ${k.join("x")} WHERE x.term = $term AND x.round >= 2
      ORDER BY _key, x.township, x.unit_id, x.body, x.office, x.round`,
  },
];

/**
 * Above county level, in a warehouse combined from counties, each county's findings for 数据质量 (the rows of
 * loaders/lib/findings.ts for a county warehouse, with the rule's label): by `source_dataset`, the county's
 * name, through the bound list of counties' folders (`county_folders`) and rule labels (`rule_labels`).
 */
const findingsPart = (def: typeof rejects | typeof warnings): Part => ({
  file: def.name,
  def,
  columns: [...def.columnNames, "rule_label"],
  sql: `SELECT c._key, ${select(def, def.columnNames, "x.")}, coalesce(l.label, x.rule) AS rule_label
    FROM ${def.name} x JOIN county_folders c ON c.county = x.source_dataset
      LEFT JOIN rule_labels l ON l.rule = x.rule
    ORDER BY c._key, ${FINDINGS_ORDER.replace(/(^|, )/g, "$1x.")}`,
});
const FINDINGS_PARTS: Part[] = [findingsPart(rejects), findingsPart(warnings)];
const LABELS: Readonly<Record<string, string>> = { ...REJECT_RULES, ...WARNING_RULES };

const STRUCTURE = ["scope", "scope_id", "body", "metric", "count", "base", "value", "prev_value", "delta"];
const TARGETS = [
  "scope",
  "scope_id",
  "target_id",
  "label",
  "units_met",
  "units_total",
  "rate",
  "goal",
  "met",
];
const PROGRESS = ["scope", "scope_id", "body", "day", "units_done", "units_total", "rank"];
/**
 * A region's folder holds its own rows and its children's: `folders` (bound as lists) names, for each
 * (scope, scope_id), the folder of the region itself and of its parent region, with its place in the
 * region's list (the region first, then its children in the order of region.json).
 */
const regionPart = (
  file: string,
  def: AnyTableDef,
  columns: readonly string[],
  where: string,
  orderBy: string,
) => ({
  file,
  def,
  columns,
  sql: `WITH folders AS (
      SELECT unnest($f_scope::VARCHAR[]) AS scope, unnest($f_name::VARCHAR[]) AS scope_id,
        unnest($f_key::VARCHAR[]) AS _key, unnest($f_order::INTEGER[]) AS _order
    )
    SELECT f._key, ${select(def, columns, "r.")} FROM ${def.name} r JOIN folders f USING (scope, scope_id)
    WHERE ${where} ORDER BY f._key, f._order, ${orderBy}`,
});
const REGION_PARTS: Part[] = [
  regionPart("structure", structure, STRUCTURE, "r.term = $term", "r.body, r.metric"),
  regionPart("targets", targets, TARGETS, "r.term = $term", "r.target_id"),
  // The last day of each series: a region and its children share the days of their units.
  regionPart(
    "progress",
    progress,
    PROGRESS,
    `r.term = $term AND r.day = (SELECT max(day) FROM progress p
      WHERE p.term = r.term AND p.scope = r.scope AND p.scope_id = r.scope_id AND p.body = r.body)`,
    "r.body",
  ),
];

/**
 * Text columns whose values repeat from row to row (a unit's id and name on each of its members, the
 * township, body, position…): dictionary-encoded when a file has rows, each value written once, so a
 * county's members file, which a township page loads whole, stays small. Empty files keep plain strings
 * (no dictionary batch to decode).
 */
const REPEATED = new Set([
  ...["unit_id", "township", "unit", "unit_type", "body", "position", "gender", "ethnicity", "education"],
  ...["office", "check", "status", "target_id", "label", "scope", "scope_id", "metric", "township_slug"],
  ...["election_date", "day", "source_file", "sheet", "rule", "rule_label"],
]);

/**
 * Stream `part`'s rows and write one Arrow file per folder (`dir(key)/<file>.arrow`); folders in `keys`
 * without rows get an empty file with the same columns, so every page finds every file it asks for.
 */
async function writePart(
  conn: DuckDBConnection,
  part: Part,
  params: Params,
  keys: Iterable<string>,
  dir: (key: string) => string,
): Promise<number> {
  const plain: Record<string, DataType> = Object.fromEntries(
    part.columns.map((c) => [c, arrowType(part.def, c)]),
  );
  // Dictionary ids fixed by the column's place, so a file's bytes depend only on its rows.
  const encoded: Record<string, DataType> = Object.fromEntries(
    part.columns.map((c, i) => {
      const type = plain[c] as DataType;
      return [
        c,
        REPEATED.has(c) && type.typeId === utf8().typeId ? dictionary(utf8(), int32(), false, i) : type,
      ];
    }),
  );
  const write = (key: string, columns: unknown[][]) => {
    const data = Object.fromEntries(part.columns.map((c, i) => [c, columns[i] ?? []]));
    const types = columns[0]?.length ? encoded : plain;
    writeFileSync(
      join(dir(key), `${part.file}.arrow`),
      tableToIPC(tableFromArrays(data, { types }), { format: "file" }) as Uint8Array,
    );
  };
  const missing = new Set(keys);
  const result = await conn.stream(part.sql, params);
  // Text read by textColumn (runs of one value decoded once), the rest as DuckDB's client converts it.
  const text = part.columns.map((_, i) => result.columnTypeId(i + 1) === DuckDBTypeId.VARCHAR);
  let key: string | null = null;
  let columns: unknown[][] = part.columns.map(() => []);
  for (let chunk = await result.fetchChunk(); chunk?.rowCount; chunk = await result.fetchChunk()) {
    const folder = textColumn(chunk, 0);
    const values = text.map((isText, i) =>
      isText ? textColumn(chunk, i + 1) : chunk.getColumnValues(i + 1),
    );
    // Runs of one folder: the rows arrive ordered by it.
    for (let start = 0, end = 1; start < folder.length; start = end++) {
      while (end < folder.length && folder[end] === folder[start]) end++;
      const run = String(folder[start]);
      if (run !== key) {
        if (key !== null) write(key, columns);
        key = run;
        columns = part.columns.map(() => []);
        missing.delete(run);
      }
      values.forEach((v, i) => {
        for (let r = start; r < end; r++) columns[i]?.push(v[r]);
      });
    }
  }
  if (key !== null) write(key, columns);
  for (const k of missing) write(k, []);
  return missing.size;
}

/**
 * Write every jurisdiction's files of warehouse `warehouse` under `out` (`partUnits`: see PART_UNITS); returns what it wrote, and the wall
 * seconds of each kind of file (`townships/units`…, the JSON files as `json`) for the bench.
 */
export function writeJurisdictions(
  warehouse: string,
  out: string,
  { partUnits = PART_UNITS, shard = [0, 1] }: { partUnits?: number; shard?: [number, number] } = {},
): Promise<{ townships: number; regions: number; seconds: Record<string, number> }> {
  // Shard i of n writes the unit-level files of every n-th county (above county level); shard 0 also every
  // JSON file, the regions' files and a county warehouse's township folders.
  const [index, count] = shard;
  const first = index === 0;
  return withWarehouse(warehouse, async (wh: Warehouse) => {
    const seconds: Record<string, number> = {};
    let clock = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      seconds[name] = Math.round(now - clock) / 1000;
      clock = now;
    };
    const levels = warehouseLevels(wh);
    const { term, prev_term } = await reportTerms(wh);
    const all = await places(wh, levels);
    const townships = all.filter((p) => p.scope === "township");
    const regions = all.filter((p) => p.scope !== "township");
    // Above county level a township's files are its county's (regions/<county slug>/), and its page's
    // address names the county too (township?c=<county slug>&t=<slug>).
    const byCounty = levels.top !== "county";
    mkdirSync(out, { recursive: true });
    if (first)
      writeFileSync(
        join(out, "townships.json"),
        `${JSON.stringify(
          townships.map(({ slug, name, parent }) =>
            byCounty && parent ? { slug, name, county: parent.slug } : { slug, name },
          ),
        )}\n`,
      );
    const townshipDir = (slug: string) => join(out, "townships", slug);
    if (!byCounty && first)
      for (const { name: township, slug, parent } of townships) {
        mkdirSync(townshipDir(slug), { recursive: true });
        const data = parent
          ? { township, slug, term, prev_term, parent }
          : { township, slug, term, prev_term };
        writeFileSync(join(townshipDir(slug), "township.json"), JSON.stringify(data));
      }
    const regionDir = (slug: string) => join(out, "regions", slug);
    // Above county level, each county's townships (in page order) packed into parts of whole townships.
    const partOf = new Map<string, number>();
    const townshipFolders = { township: [] as string[], part: [] as string[], county: [] as string[] };
    if (byCounty) {
      const counts = new Map<string, { part: number; units: number; shard: number }>();
      for (const t of townships) {
        if (!t.parent) continue;
        const at = counts.get(t.parent.slug) ?? { part: 0, units: 0, shard: counts.size % count };
        if (at.units > 0 && at.units + t.units > partUnits) {
          at.part++;
          at.units = 0;
        }
        at.units += t.units;
        counts.set(t.parent.slug, at);
        partOf.set(t.name, at.part);
        if (at.shard !== index) continue;
        townshipFolders.township.push(t.name);
        townshipFolders.part.push(`${t.parent.slug}/${at.part}`);
        townshipFolders.county.push(t.parent.slug);
      }
      for (const part of new Set(townshipFolders.part)) mkdirSync(regionDir(part), { recursive: true });
    }
    const key = (p: Pick<Place, "scope" | "name">) => `${p.scope}\u0000${p.name}`;
    const children = new Map<string, Place[]>();
    for (const p of all) {
      if (!p.parent) continue;
      const list = children.get(key(p.parent));
      if (list) list.push(p);
      else children.set(key(p.parent), [p]);
    }
    // Which folders each (scope, scope_id) belongs to: its own region's, and its parent region's.
    const folders = {
      scope: [] as string[],
      name: [] as string[],
      key: [] as string[],
      order: [] as number[],
    };
    for (const region of first ? regions : []) {
      const kids = children.get(key(region)) ?? [];
      const { scope, name, slug, units, parent } = region;
      mkdirSync(regionDir(slug), { recursive: true });
      writeFileSync(
        join(regionDir(slug), "region.json"),
        JSON.stringify({
          scope,
          name,
          slug,
          units,
          parent,
          // Above county level a township's unit-level files are in part `part` of its county's folder.
          children: kids.map(({ scope, name, slug, units }) => {
            const part = scope === "township" ? partOf.get(name) : undefined;
            return part == null ? { scope, name, slug, units } : { scope, name, slug, units, part };
          }),
          term,
          prev_term,
        }),
      );
      for (const [i, p] of [region, ...kids].entries()) {
        folders.scope.push(p.scope);
        folders.name.push(p.name);
        folders.key.push(slug);
        folders.order.push(i);
      }
    }
    // Above county level, each county's input files (manifest.json's `files` of that county, whose
    // source_dataset is the county's name), which the 数据质量 and 关于 pages fetch when a county is chosen;
    // none when the files name no county (a warehouse built from raw exports: its pages list every file).
    const manifest = wh.json("manifest.json") as ManifestFiles | null;
    const countyFiles = byCounty && perCounty(manifest);
    const countyRegions = regions.filter((r) => r.scope === "county");
    if (countyFiles && first) {
      const files = new Map<string, unknown[]>();
      for (const { source_dataset, ...file } of manifest?.files ?? []) {
        const list = files.get(String(source_dataset));
        if (list) list.push(file);
        else files.set(String(source_dataset), [file]);
      }
      for (const { name, slug } of countyRegions)
        writeFileSync(join(regionDir(slug), "files.json"), JSON.stringify(files.get(name) ?? []));
    }
    lap("json");
    await withDatabase({ threads: 2 }, async (conn) => {
      await attachTables(conn, warehouse);
      const term_ = { term: term ?? -1 };
      const paramsOf = (sql: string): Params =>
        /\$other\b/.test(sql) ? { ...term_, other: prev_term } : /\$term\b/.test(sql) ? term_ : {};
      if (byCounty) {
        // The townships' folders, bound as lists: a township → its part's and its county's folder.
        await conn.run(
          `CREATE TEMP TABLE township_folders AS SELECT unnest($t::VARCHAR[]) AS township,
            unnest($p::VARCHAR[]) AS _part, unnest($c::VARCHAR[]) AS _county`,
          {
            t: listValue(townshipFolders.township),
            p: listValue(townshipFolders.part),
            c: listValue(townshipFolders.county),
          },
        );
        const parts = [...new Set(townshipFolders.part)];
        for (const part of UNIT_PARTS) {
          const sql = part.sql(folderOf("_part"));
          await writePart(conn, { ...part, sql }, paramsOf(sql), parts, regionDir);
          lap(`counties/parts/${part.file}`);
        }
        const counties = [...new Set(townshipFolders.county)];
        for (const part of COUNTY_PARTS) {
          const sql = part.sql(folderOf("_county"));
          await writePart(conn, { ...part, sql }, paramsOf(sql), counties, regionDir);
          lap(`counties/${part.file}`);
        }
      } else if (first) {
        const slugs = townships.map((t) => t.slug);
        for (const part of [
          ...UNIT_PARTS.map((p) => ({ ...p, sql: p.sql(BY_TOWNSHIP) })),
          ...TOWNSHIP_PARTS,
        ]) {
          await writePart(conn, part, paramsOf(part.sql), slugs, townshipDir);
          lap(`townships/${part.file}`);
        }
      }
      if (countyFiles && first) {
        await conn.run(
          "CREATE TEMP TABLE county_folders AS SELECT unnest($c::VARCHAR[]) AS county, unnest($k::VARCHAR[]) AS _key",
          { c: listValue(countyRegions.map((c) => c.name)), k: listValue(countyRegions.map((c) => c.slug)) },
        );
        await conn.run(
          "CREATE TEMP TABLE rule_labels AS SELECT unnest($r::VARCHAR[]) AS rule, unnest($l::VARCHAR[]) AS label",
          { r: listValue(Object.keys(LABELS)), l: listValue(Object.values(LABELS)) },
        );
        for (const part of FINDINGS_PARTS) {
          await writePart(
            conn,
            part,
            {},
            countyRegions.map((c) => c.slug),
            regionDir,
          );
          lap(`counties/${part.file}`);
        }
      }
      if (regions.length && first)
        for (const part of REGION_PARTS) {
          await writePart(
            conn,
            part,
            {
              ...term_,
              f_scope: listValue(folders.scope),
              f_name: listValue(folders.name),
              f_key: listValue(folders.key),
              f_order: listValue(folders.order),
            },
            regions.map((r) => r.slug),
            regionDir,
          );
          lap(`regions/${part.file}`);
        }
    });
    return { townships: townships.length, regions: regions.length, seconds };
  });
}
