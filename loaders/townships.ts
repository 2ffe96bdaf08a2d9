// Per township, in a zip archive, what that township's page and its unit page show, for the reported term
// only (issue 7: a page loads its own township's rows, never every unit's): `townships/<township slug>/`
// township.json ({ township, slug, term, prev_term }, and above county level `parent`: its county's scope,
// name and page slug) and an Arrow IPC file per table: units.arrow,
// members.arrow, previous.arrow (the previous term's members), checks.arrow, failures.arrow (the failed
// election checks only), elections.arrow, structure.arrow, targets.arrow (without the term column);
// members without person keys, birth dates or source rows, with `continuing`: whether the person held a
// seat of the same body in the same unit in the other term (连任), null without another term. Framework
// extracts from the archive only the files that pages name.
import { strToU8, type Zippable, zipSync } from "fflate";
import type { AnyTableDef } from "../src/warehouse/column.ts";
import { type Warehouse, withWarehouse } from "../src/warehouse/directory.ts";
import {
  electionChecks,
  elections,
  members,
  structure,
  targets,
  unitChecks,
  units,
} from "../src/warehouse/tables.ts";
import { arrowBytes, type Rows } from "./lib/arrow.ts";
import { places, warehouseLevels } from "./lib/levels.ts";
import { townshipSlug, unitSlug } from "./lib/slug.ts";
import { reportTerms } from "./lib/terms.ts";

/** A table of the archive: the table it comes from, the columns written and the SQL that selects them. */
interface Part {
  def: AnyTableDef;
  columns: readonly string[];
  /**
   * The rows of the reported term (`$term`; `$other` is the other term, previous or reported, or NULL),
   * with the township they belong to as `_township`.
   */
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

const MEMBER_COLUMNS = [
  ...["unit_id", "township", "unit", "body", "position", "name"],
  ...["gender", "ethnicity", "age", "education", "party_member"],
];
/**
 * The members of term `of` (a parameter), each with `continuing`: whether the same person (person_key)
 * held a seat of the same body in the same unit in term `other`; NULL when there is no other term.
 */
const membersOfTerm = (of: string, other: string): Part => ({
  def: members,
  columns: [...MEMBER_COLUMNS, "continuing"],
  sql: `SELECT m.township AS _township, ${MEMBER_COLUMNS.map((c) => `m."${c}"`).join(", ")},
      CASE WHEN ${other} IS NULL THEN NULL ELSE EXISTS (
        SELECT 1 FROM members o
        WHERE o.term = ${other} AND o.unit_id = m.unit_id AND o.body = m.body AND o.person_key = m.person_key
      ) END AS continuing
    FROM members m WHERE m.term = ${of}
    ORDER BY m.township, m.unit_id, m.body, m.source_file, m.source_row`,
});

// Names and columns are fixed identifiers written here, never data.
const PARTS: Record<string, Part> = {
  units: {
    def: units,
    columns: [...units.columnNames, "slug"],
    sql: "SELECT township AS _township, * FROM units ORDER BY township, unit_id",
  },
  members: membersOfTerm("$term", "$other"),
  previous: membersOfTerm("$other", "$term"),
  checks: unitPart(
    unitChecks,
    ["unit_id", "township", "check", "status", "message"],
    'township, unit_id, "check"',
  ),
  failures: {
    def: electionChecks,
    columns: ["unit_id", "township", "body", "office", "round", "check", "message"],
    sql: `SELECT township AS _township, unit_id, township, body, office, round, "check", message
        FROM election_checks WHERE term = $term AND status = 'failed'
        ORDER BY township, unit_id, body, office, round, "check"`,
  },
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
  const { term, prev_term } = await reportTerms(wh);
  const rows: Record<string, Map<string, Rows>> = {};
  for (const [name, part] of Object.entries(PARTS)) {
    const params: Record<string, number | null> = /\$other\b/.test(part.sql)
      ? { term: term ?? -1, other: prev_term }
      : name === "units"
        ? {}
        : { term: term ?? -1 };
    const found = await wh.rows(part.sql, params);
    rows[name] = byTownship(
      name === "units" ? found.map((r) => ({ ...r, slug: unitSlug(String(r.unit_id)) })) : found,
    );
  }
  // Above county level each township's page links up to its county's (region/<slug>).
  const levels = warehouseLevels(wh);
  const parents = new Map(
    levels.regions.length
      ? (await places(wh, levels)).filter((p) => p.scope === "township").map((p) => [p.name, p.parent])
      : [],
  );
  const files: Zippable = {};
  for (const township of rows.units?.keys() ?? []) {
    const slug = townshipSlug(township);
    const parent = parents.get(township);
    files[`${slug}/township.json`] = strToU8(
      JSON.stringify(
        parent ? { township, slug, term, prev_term, parent } : { township, slug, term, prev_term },
      ),
    );
    for (const [name, { def, columns }] of Object.entries(PARTS))
      files[`${slug}/${name}.arrow`] = arrowBytes(rows[name]?.get(township) ?? [], columns, def);
  }
  // A fixed timestamp: the same warehouse gives the same archive, byte for byte.
  return zipSync(files, { mtime: new Date(Date.UTC(1980, 0, 2)) });
}

export function townships(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, archive);
}
