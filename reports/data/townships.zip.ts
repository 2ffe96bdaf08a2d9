// One JSON file per township, `townships/<township slug>.json` in a zip archive: what that township's
// page and its unit page show, for the reported term only (issue 7: a page loads its own township's
// rows, never every unit's). Framework extracts from the archive only the files that pages name.
// { township, slug, term, units, members, checks, elections, structure, targets }; members without
// person keys, birth dates or source rows.
import { strToU8, type Zippable, zipSync } from "fflate";
import type { TableDef } from "../../src/column.ts";
import { elections, members, structure, targets, unitChecks, units } from "../../src/warehouse.ts";
import { townshipSlug, unitSlug } from "./lib/slug.ts";
import { type Rows, readRows, reportTerms } from "./lib/warehouse.ts";

const { term } = await reportTerms();
const ofTerm = (rows: Rows) => rows.filter((r) => r.term === term).map(({ term: _, ...r }) => r);

const MEMBER_COLUMNS = [
  ...["term", "unit_id", "township", "unit", "body", "position", "name"],
  ...["gender", "ethnicity", "age", "education", "party_member"],
];
const ELECTION_COLUMNS = [
  ...["term", "unit_id", "township", "body", "office", "round", "election_date"],
  ...["seats", "candidates", "entitled", "cast", "turnout"],
];

/** Rows of a table by township (the table's `township`, or `scope_id` of its township scope). */
function byTownship(rows: Rows, key = "township"): Map<string, Rows> {
  const out = new Map<string, Rows>();
  for (const r of rows) {
    const k = String(r[key]);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** The reported term's rows of a table, by township. */
const termRows = async (def: TableDef, query: Parameters<typeof readRows>[1], key = "township") =>
  byTownship(ofTerm(await readRows(def, query)), key);

const parts = {
  units: byTownship(
    (await readRows(units, { orderBy: ["township", "unit_id"] })).map((r) => ({
      ...r,
      slug: unitSlug(String(r.unit_id)),
    })),
  ),
  members: await termRows(members, {
    columns: MEMBER_COLUMNS,
    orderBy: ["township", "unit_id", "body", "source_file", "source_row"],
  }),
  checks: await termRows(unitChecks, {
    columns: ["term", "unit_id", "township", "check", "status", "message"],
    orderBy: ["township", "unit_id", "check"],
  }),
  elections: await termRows(elections, {
    columns: ELECTION_COLUMNS,
    orderBy: ["township", "unit_id", "body", "office", "round"],
  }),
  structure: await termRows(
    structure,
    { where: "scope = 'township'", orderBy: ["scope_id", "body", "metric"] },
    "scope_id",
  ),
  targets: await termRows(
    targets,
    { where: "scope = 'township'", orderBy: ["scope_id", "target_id"] },
    "scope_id",
  ),
};

const files: Zippable = {};
for (const township of parts.units.keys()) {
  const slug = townshipSlug(township);
  const file = Object.fromEntries(
    Object.entries(parts).map(([name, rows]) => [name, rows.get(township) ?? []]),
  );
  files[`${slug}.json`] = strToU8(JSON.stringify({ township, slug, term, ...file }));
}
// A fixed timestamp: the same warehouse gives the same archive, byte for byte.
process.stdout.write(zipSync(files, { mtime: new Date(Date.UTC(1980, 0, 2)) }));
