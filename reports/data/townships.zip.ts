// Per township, in a zip archive, what that township's page and its unit page show, for the reported term
// only (issue 7: a page loads its own township's rows, never every unit's): `townships/<township slug>/`
// township.json ({ township, slug, term, prev_term }) and an Arrow IPC file per table: units.arrow,
// members.arrow, previous.arrow (the previous term's members), checks.arrow, failures.arrow (the failed
// election checks only), elections.arrow, structure.arrow, targets.arrow (without the term column);
// members without person keys, birth dates or source rows, with `continuing`: whether the person held a
// seat of the same body in the same unit in the other term (连任), null without another term. Framework
// extracts from the archive only the files that pages name.
import { strToU8, type Zippable, zipSync } from "fflate";
import { ident, type TableDef } from "../../src/warehouse/column.ts";
import {
  electionChecks,
  elections,
  members,
  structure,
  targets,
  unitChecks,
  units,
} from "../../src/warehouse/tables.ts";
import { townshipSlug, unitSlug } from "./lib/slug.ts";
import { arrowBytes, queryRows, type Rows, readRows, reportTerms } from "./lib/warehouse.ts";

const { term, prev_term } = await reportTerms();
const ofTerm = (rows: Rows) => rows.filter((r) => r.term === term).map(({ term: _, ...r }) => r);

const MEMBER_COLUMNS = [
  ...["term", "unit_id", "township", "unit", "body", "position", "name"],
  ...["gender", "ethnicity", "age", "education", "party_member"],
];
const CHECK_COLUMNS = ["term", "unit_id", "township", "check", "status", "message"];
const FAILURE_COLUMNS = ["term", "unit_id", "township", "body", "office", "round", "check", "message"];
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

/** A table of the archive: the table it comes from, its rows by township and the columns written. */
interface Part {
  def: TableDef;
  rows: Map<string, Rows>;
  columns: readonly string[];
}
const withoutTerm = (columns: readonly string[]) => columns.filter((c) => c !== "term");
/** The reported term's rows of a unit-level table (`columns`), by township. */
const unitPart = async (def: TableDef, columns: readonly string[], orderBy: string[]): Promise<Part> => ({
  def,
  rows: await termRows(def, { columns, orderBy }),
  columns: withoutTerm(columns),
});
/** The reported term's township-scope rows of a metric table, by township. */
const townshipPart = async (def: TableDef, orderBy: string[]): Promise<Part> => ({
  def,
  rows: await termRows(def, { where: "scope = 'township'", orderBy }, "scope_id"),
  columns: withoutTerm(def.columnNames),
});
/**
 * The members of term `of` (MEMBER_COLUMNS but the term) by township, each with `continuing`: whether
 * the same person (person_key) held a seat of the same body in the same unit in term `other`; null when
 * there is no other term.
 */
async function membersOfTerm(of: number | null, other: number | null): Promise<Part> {
  const columns = withoutTerm(MEMBER_COLUMNS);
  const rows = await queryRows(
    [members],
    (m) => `SELECT ${columns.map((c) => `m.${ident(c)}`).join(", ")},
        CASE WHEN $other IS NULL THEN NULL ELSE EXISTS (
          SELECT 1 FROM ${m} o
          WHERE o.term = $other AND o.unit_id = m.unit_id AND o.body = m.body AND o.person_key = m.person_key
        ) END AS continuing
      FROM ${m} m WHERE m.term = $of
      ORDER BY m.township, m.unit_id, m.body, m.source_file, m.source_row`,
    { of, other },
  );
  return { def: members, rows: byTownship(rows), columns: [...columns, "continuing"] };
}

const parts: Record<string, Part> = {
  units: {
    def: units,
    rows: byTownship(
      (await readRows(units, { orderBy: ["township", "unit_id"] })).map((r) => ({
        ...r,
        slug: unitSlug(String(r.unit_id)),
      })),
    ),
    columns: [...units.columnNames, "slug"],
  },
  members: await membersOfTerm(term, prev_term),
  previous: await membersOfTerm(prev_term, term),
  checks: await unitPart(unitChecks, CHECK_COLUMNS, ["township", "unit_id", "check"]),
  failures: {
    def: electionChecks,
    rows: await termRows(electionChecks, {
      columns: FAILURE_COLUMNS,
      where: "status = 'failed'",
      orderBy: ["township", "unit_id", "body", "office", "round", "check"],
    }),
    columns: withoutTerm(FAILURE_COLUMNS),
  },
  elections: await unitPart(elections, ELECTION_COLUMNS, ["township", "unit_id", "body", "office", "round"]),
  structure: await townshipPart(structure, ["scope_id", "body", "metric"]),
  targets: await townshipPart(targets, ["scope_id", "target_id"]),
};

const files: Zippable = {};
for (const township of parts.units?.rows.keys() ?? []) {
  const slug = townshipSlug(township);
  files[`${slug}/township.json`] = strToU8(JSON.stringify({ township, slug, term, prev_term }));
  for (const [name, { def, rows, columns }] of Object.entries(parts))
    files[`${slug}/${name}.arrow`] = arrowBytes(rows.get(township) ?? [], columns, def);
}
// A fixed timestamp: the same warehouse gives the same archive, byte for byte.
process.stdout.write(zipSync(files, { mtime: new Date(Date.UTC(1980, 0, 2)) }));
