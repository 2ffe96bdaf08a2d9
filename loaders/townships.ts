// Per township, in a zip archive, what that township's page and its unit page show, for the reported term
// only (issue 7: a page loads its own township's rows, never every unit's): `townships/<township slug>/`
// township.json ({ township, slug, term }) and an Arrow IPC file per table: units.arrow, members.arrow,
// checks.arrow, elections.arrow, structure.arrow, targets.arrow (without the term column); members
// without person keys, birth dates or source rows. Framework extracts from the archive only the files
// that pages name.
import { strToU8, type Zippable, zipSync } from "fflate";
import type { AnyTableDef } from "../src/warehouse/column.ts";
import { type Warehouse, withWarehouse } from "../src/warehouse/directory.ts";
import { elections, members, structure, targets, unitChecks, units } from "../src/warehouse/tables.ts";
import { arrowBytes, type Rows } from "./lib/arrow.ts";
import { townshipSlug, unitSlug } from "./lib/slug.ts";
import { reportTerms } from "./lib/terms.ts";

/** A table of the archive: the table it comes from, the columns written and the SQL that selects them. */
interface Part {
  def: AnyTableDef;
  columns: readonly string[];
  /** The rows of the reported term (`$term`), with the township they belong to as `_township`. */
  sql: string;
}

const unitPart = (def: AnyTableDef, columns: readonly string[], orderBy: string): Part => ({
  def,
  columns,
  sql: `SELECT township AS _township, ${columns.map((c) => `"${c}"`).join(", ")} FROM ${def.name}
      WHERE term = $term ORDER BY ${orderBy}`,
});
const townshipPart = (def: AnyTableDef, orderBy: string): Part => {
  const columns = def.columnNames.filter((c) => c !== "term");
  return {
    def,
    columns,
    sql: `SELECT scope_id AS _township, ${columns.map((c) => `"${c}"`).join(", ")} FROM ${def.name}
        WHERE term = $term AND scope = 'township' ORDER BY ${orderBy}`,
  };
};

// Names and columns are fixed identifiers written here, never data.
const PARTS: Record<string, Part> = {
  units: {
    def: units,
    columns: [...units.columnNames, "slug"],
    sql: "SELECT township AS _township, * FROM units ORDER BY township, unit_id",
  },
  members: unitPart(
    members,
    [
      ...["unit_id", "township", "unit", "body", "position", "name"],
      ...["gender", "ethnicity", "age", "education", "party_member"],
    ],
    "township, unit_id, body, source_file, source_row",
  ),
  checks: unitPart(
    unitChecks,
    ["unit_id", "township", "check", "status", "message"],
    'township, unit_id, "check"',
  ),
  elections: unitPart(
    elections,
    [
      ...["unit_id", "township", "body", "office", "round", "election_date"],
      ...["seats", "candidates", "entitled", "cast", "turnout"],
    ],
    "township, unit_id, body, office, round",
  ),
  structure: townshipPart(structure, "scope_id, body, metric"),
  targets: townshipPart(targets, "scope_id, target_id"),
};

/** Rows by the township they belong to. */
function byTownship(rows: Rows): Map<string, Rows> {
  const out = new Map<string, Rows>();
  for (const { _township, ...r } of rows) {
    const k = String(_township);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

async function archive(wh: Warehouse): Promise<Uint8Array> {
  const { term } = await reportTerms(wh);
  const rows: Record<string, Map<string, Rows>> = {};
  for (const [name, part] of Object.entries(PARTS)) {
    const found = await wh.rows(part.sql, name === "units" ? {} : { term: term ?? -1 });
    rows[name] = byTownship(
      name === "units" ? found.map((r) => ({ ...r, slug: unitSlug(String(r.unit_id)) })) : found,
    );
  }
  const files: Zippable = {};
  for (const township of rows.units?.keys() ?? []) {
    const slug = townshipSlug(township);
    files[`${slug}/township.json`] = strToU8(JSON.stringify({ township, slug, term }));
    for (const [name, { def, columns }] of Object.entries(PARTS))
      files[`${slug}/${name}.arrow`] = arrowBytes(rows[name]?.get(township) ?? [], columns, def);
  }
  // A fixed timestamp: the same warehouse gives the same archive, byte for byte.
  return zipSync(files, { mtime: new Date(Date.UTC(1980, 0, 2)) });
}

export function townships(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, archive);
}
