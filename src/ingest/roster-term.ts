/**
 * The rosters of one term as set operations in the build's DuckDB. Every data
 * row's cells wait in a staging table (`roster_raw`) as they are read; each
 * field's row rule (`rows/roster.ts`) then runs once per DISTINCT cell value
 * (a national roster has millions of rows but a few thousand distinct
 * positions, dates or townships) into a lookup table; SQL joins the lookups
 * back to the rows, decides each row's outcome in the order of `rosterRows.row`
 * (missing name, unknown unit, term, offices), computes the keyed person hash
 * (HMAC-SHA-256 as two SHA-256 over blobs), and does the cross-row rules of
 * `roster-resolution.ts` (duplicates, two units, the party row's attributes)
 * with window functions. JavaScript words a message only for the rows a check
 * failed on, with the same functions as the row rules.
 *
 * The staging tables hold ID numbers and full birth dates: they live only in
 * the build's in-memory database (its temp folder beside OUT_DIR is mode 700)
 * and are dropped when the term is done; nothing of them reaches the output
 * but what `members` and the findings hold.
 */
import { type PartialDate, parseIsoDate } from "../parse/date.ts";
import { isCollegePlus } from "../parse/education.ts";
import type { HeaderMap } from "../read/header.ts";
import { openChunkAppender } from "../warehouse/chunk-appender.ts";
import type { DuckDBConnection } from "../warehouse/duckdb.ts";
import type { Body, EducationLevel, UnitRow } from "../warehouse/tables.ts";
import type { InputFile } from "./dataset.ts";
import { ELECTION_DATES } from "./election-dates.ts";
import type { Location } from "./finding.ts";
import { fallbackMaterial, idMaterial } from "./person-key.ts";
import {
  attributeDifferences,
  conflictingAttributes,
  duplicateMembership,
  type EntryPlace,
  twoUnits,
} from "./roster-resolution.ts";
import type { FileContext } from "./row-rules.ts";
import {
  birthMismatch,
  genderMismatch,
  readBirthCell,
  readEducation,
  readElectedOn,
  readEthnicity,
  readGenderCell,
  readIdCell,
  readName,
  readOffices,
  readParty,
  rosterRows,
} from "./rows/roster.ts";
import {
  ABSENT,
  birthSql,
  CodedInput,
  countOutcomes,
  type FoundRow,
  firstRules,
  idSql,
  lookup,
  nameSql,
  packFindings,
  personKeySql,
  placed,
  placeFindings,
  readAll,
  type SqlRule,
  stage,
  type TermSetOptions,
  termLookup,
  unitLookup,
} from "./staging.ts";

/** The roster fields kept in staging (every field but remarks), one VARCHAR column each. */
const FIELDS = rosterRows.fields.map((f) => f.field).filter((f) => f !== "remarks");
/** The term's earliest election date per unit and body from the vote tallies is in `term_election_dates` (election-dates.ts). */
export type RosterTermOptions = TermSetOptions;

/**
 * Read the roster files of one term and append its members to the `members`
 * table (which must exist); findings and counts go to the ledger. A member's age is taken on the
 * earliest election date of the unit and body in `term_election_dates` (which must exist) when the
 * row gives none.
 */
export async function ingestRosterTerm(o: RosterTermOptions): Promise<void> {
  const { conn, term } = o;
  const files = term.roster;
  if (files.length === 0) return;
  const staged = await stage({
    conn,
    prefix: "roster",
    files,
    rules: rosterRows,
    fields: FIELDS,
    ledger: o.ledger,
    ingest: o.ingest,
    readFile: o.readFile,
  });
  const base = o.ctxFor(files[0] as InputFile);
  const bodyCtx = (code: string): FileContext => ({ ...base, body: code === ABSENT ? null : (code as Body) });
  await lookups(conn, base, bodyCtx);
  await compose(conn);

  await countOutcomes(conn, "roster_rows", staged.entries);
  await rosterFindings(o, staged.headers);
  await resolve(o);
  for (const t of ["roster_raw", "roster_rows", "roster_entries", "roster_files"])
    await conn.run(`DROP TABLE IF EXISTS ${t}`);
  for (const t of LOOKUPS) await conn.run(`DROP TABLE IF EXISTS lk_${t}`);
}

const LOOKUPS = [
  "name",
  "place",
  "term",
  "offices",
  "birth",
  "gender",
  "id",
  "party",
  "ethnicity",
  "education",
  "elected",
  "fallback",
] as const;

/** The birth rule in SQL against the reference date `readBirthCell` checks with (none when it is not a date). */
function birthRule(ctx: FileContext): SqlRule | undefined {
  try {
    return birthSql(parseIsoDate(ctx.referenceDate ?? `${ctx.term ?? 0}-12-31`));
  } catch {
    return undefined;
  }
}

/** Each field's row rule once per distinct value. */
async function lookups(
  conn: DuckDBConnection,
  ctx: FileContext,
  bodyCtx: (code: string) => FileContext,
): Promise<void> {
  await lookup(
    conn,
    "roster_raw",
    "name",
    ["name"],
    [["name_text", "VARCHAR"]],
    (input) => {
      const name = readName(input);
      return typeof name === "string" ? { out: [name] } : { out: [null], findings: [name] };
    },
    nameSql("name"),
  );
  await unitLookup(conn, "roster_raw", "place", ctx);
  await termLookup(conn, "roster_raw", "term", ctx);
  await lookup(
    conn,
    "roster_raw",
    "offices",
    ["body", "position", "fbody"],
    [
      ["kind", "VARCHAR"],
      ["outcome_f", "VARCHAR"],
      ["body1", "VARCHAR"],
      ["pos1", "VARCHAR"],
      ["body2", "VARCHAR"],
      ["pos2", "VARCHAR"],
    ],
    (input) => {
      const r = readOffices(input, bodyCtx(input.code("fbody")));
      if (r.kind === "skipped") return { out: [r.kind, packFindings([r.finding]), null, null, null, null] };
      if (r.kind === "rejected")
        return { out: [r.kind, packFindings([r.finding]), null, null, null, null], findings: r.warnings };
      const [a, b] = r.offices;
      return {
        out: [r.kind, null, a?.body ?? null, a?.position ?? null, b?.body ?? null, b?.position ?? null],
        findings: r.warnings,
      };
    },
  );
  await lookup(
    conn,
    "roster_raw",
    "birth",
    ["birth"],
    [
      ["byear", "INTEGER"],
      ["bmonth", "INTEGER"],
      ["bday", "INTEGER"],
    ],
    (input) => {
      const r = readBirthCell(input, ctx);
      return {
        out: [r.value?.year ?? null, r.value?.month ?? null, r.value?.day ?? null],
        findings: r.warnings,
      };
    },
    birthRule(ctx),
  );
  await lookup(conn, "roster_raw", "gender", ["gender"], [["g", "VARCHAR"]], (input) => {
    const r = readGenderCell(input);
    return { out: [r.value], findings: r.warnings };
  });
  await lookup(
    conn,
    "roster_raw",
    "id",
    ["id_number"],
    [
      ["material", "VARCHAR"],
      ["iy", "INTEGER"],
      ["im", "INTEGER"],
      ["iday", "INTEGER"],
      ["ig", "VARCHAR"],
    ],
    (input) => {
      const r = readIdCell(input);
      const id = r.value;
      if (!id?.valid) return { out: [null, null, null, null, null], findings: r.warnings };
      return { out: [idMaterial(id.normalized), id.birth.year, id.birth.month, id.birth.day, id.gender] };
    },
    idSql(["material", "year", "month", "day", "gender"]),
  );
  await lookup(conn, "roster_raw", "party", ["party"], [["party_member", "INTEGER"]], (input) => {
    const r = readParty(input);
    return { out: [r.value === null ? null : Number(r.value)], findings: r.warnings };
  });
  await lookup(conn, "roster_raw", "ethnicity", ["ethnicity"], [["eth", "VARCHAR"]], (input) => {
    const r = readEthnicity(input);
    return { out: [r.value], findings: r.warnings };
  });
  await lookup(
    conn,
    "roster_raw",
    "education",
    ["education", "education_fulltime", "education_inservice"],
    [
      ["edu", "VARCHAR"],
      ["college_plus", "INTEGER"],
    ],
    (input) => {
      const r = readEducation(input);
      return {
        out: [r.value, r.value === null ? null : Number(isCollegePlus(r.value))],
        findings: r.warnings,
      };
    },
  );
  await lookup(conn, "roster_raw", "elected", ["elected_on"], [["elected", "VARCHAR"]], (input) => {
    const r = readElectedOn(input);
    return { out: [r.value], findings: r.warnings };
  });
}

/** The lookups joined back to the rows: each row's outcome, and the entries (one per office) of accepted rows. */
async function compose(conn: DuckDBConnection): Promise<void> {
  const first = firstRules("", "name");
  await conn.run(`
    CREATE OR REPLACE TABLE roster_rows AS
    SELECT r.seq, r.fi, r.sheet, r.source_row, r.hdr, r.birth, r.gender,
      n.name_text, p.unit_id, o.kind, o.body1, o.pos1, o.body2, o.pos2,
      b.byear, b.bmonth, b.bday, g.g, i.material, i.iy, i.im, i.iday, i.ig,
      pa.party_member, e.eth, ed.edu, ed.college_plus, el.elected,
      CASE WHEN ${first.rejected} OR o.kind = 'rejected' THEN 'rejected'
        WHEN o.kind = 'skipped' THEN 'skipped' ELSE 'accepted' END AS status,
      -- the findings of the row, in the order the row rules raise them
      CASE ${first.findings}
        WHEN o.kind = 'rejected' THEN [o.outcome_f, o.f]
        WHEN o.kind = 'skipped' THEN [o.outcome_f]
        ELSE [o.f, b.f, g.f, CASE WHEN i.material IS NULL THEN i.f END, pa.f, e.f, ed.f, el.f] END AS fs,
      -- a valid ID number contradicting the birth or gender cell: worded in JavaScript
      i.material IS NOT NULL AND NOT ${first.rejected} AND o.kind = 'offices' AND (
        (b.byear IS NOT NULL AND (b.byear <> i.iy OR b.bmonth <> i.im OR (b.bday IS NOT NULL AND b.bday <> i.iday)))
        OR (g.g IN ('F', 'M') AND g.g <> i.ig)) AS id_mismatch
    FROM roster_raw r
    ${first.joins}
    JOIN lk_offices o USING (body, position, fbody)
    JOIN lk_birth b USING (birth)
    JOIN lk_gender g USING (gender)
    JOIN lk_id i USING (id_number)
    JOIN lk_party pa USING (party)
    JOIN lk_ethnicity e USING (ethnicity)
    JOIN lk_education ed USING (education, education_fulltime, education_inservice)
    JOIN lk_elected el USING (elected_on)`);
}

/** The findings of single rows: rejects of rejected rows, warnings of the others. */
async function rosterFindings(o: RosterTermOptions, headers: readonly HeaderMap[]): Promise<void> {
  const { conn, ledger, term } = o;
  const paths = term.roster.map((f) => f.path);
  await conn.run(`
    CREATE OR REPLACE TABLE roster_found AS
    SELECT fi, sheet, source_row, hdr, status, list_filter(fs, x -> x IS NOT NULL) AS fs, id_mismatch,
      CASE WHEN id_mismatch THEN birth END AS birth, CASE WHEN id_mismatch THEN gender END AS gender,
      byear, bmonth, bday, g, iy, im, iday, ig
    FROM roster_rows WHERE id_mismatch OR len(list_filter(fs, x -> x IS NOT NULL)) > 0`);
  await readAll(
    conn,
    "roster_found",
    "fi, sheet, source_row, hdr, status, fs, id_mismatch, birth, gender, byear, bmonth, bday, g, iy, im, iday, ig",
    (rows) => {
      for (const row of rows) {
        const [
          fi,
          sheet,
          sourceRow,
          hdr,
          status,
          fs,
          mismatch,
          birth,
          gender,
          byear,
          bmonth,
          bday,
          g,
          iy,
          im,
          iday,
          ig,
        ] = row as [
          ...FoundRow,
          boolean,
          string | null,
          string | null,
          number | null,
          number | null,
          number | null,
          "F" | "M" | null | "invalid",
          number,
          number,
          number,
          "F" | "M",
        ];
        const at: Location = { source_file: paths[fi] as string, sheet, source_row: sourceRow };
        const header = headers[hdr];
        placeFindings(ledger, at, header, status, fs);
        if (mismatch) {
          const input = new CodedInput({ birth: birth ?? ABSENT, gender: gender ?? ABSENT }, at);
          const idBirth: PartialDate = { year: iy, month: im, day: iday };
          const cellBirth: PartialDate | null =
            byear === null ? null : { year: byear, month: bmonth as number, day: bday };
          for (const w of [birthMismatch(input, cellBirth, idBirth), genderMismatch(input, g, ig)])
            if (w) ledger.warnings.push(placed(at, header, [w.column, w.value, w.rule, w.message]));
        }
      }
    },
  );
  await conn.run("DROP TABLE roster_found");
}

/** Cross-row rules over the entries of accepted rows (see roster-resolution.ts), and the members. */
async function resolve(o: RosterTermOptions): Promise<void> {
  const { conn, term, ledger, secret } = o;
  // Without a valid ID number, the person is keyed by unit, name and birth year and month.
  await conn.run(`
    CREATE OR REPLACE TABLE lk_fallback_keys AS
    SELECT DISTINCT unit_id, name_text, byear, bmonth FROM roster_rows WHERE status = 'accepted' AND material IS NULL`);
  const fallback = await openChunkAppender(conn, "lk_fallback", [
    ["unit_id", "VARCHAR"],
    ["name_text", "VARCHAR"],
    ["byear", "INTEGER"],
    ["bmonth", "INTEGER"],
    ["material", "VARCHAR"],
  ]);
  await readAll(conn, "lk_fallback_keys", "unit_id, name_text, byear, bmonth", (rows) => {
    for (const [unitId, name, byear, bmonth] of rows as [string, string, number | null, number | null][]) {
      const unit = o.unitById.get(unitId) as UnitRow;
      const birth = byear === null ? null : { year: byear, month: bmonth as number, day: null };
      fallback.append([unitId, name, byear, bmonth, fallbackMaterial(unit.township, unit.unit, name, birth)]);
    }
  });
  fallback.close();
  await conn.run("DROP TABLE lk_fallback_keys");

  // The entries in input order (`ord`: row, then office), with identity resolved (a valid ID number wins)
  // and the first entry of each membership (`first_dup`).
  await conn.run(`
    CREATE OR REPLACE TABLE roster_entries AS
    SELECT *, min(ord) OVER (PARTITION BY unit_id, body, person_key) AS first_dup FROM (
    WITH offices AS (
      SELECT *, 0 AS k, body1 AS body, pos1 AS position FROM roster_rows WHERE status = 'accepted'
      UNION ALL
      SELECT *, 1 AS k, body2 AS body, pos2 AS position FROM roster_rows WHERE status = 'accepted' AND body2 IS NOT NULL
    )
    SELECT e.seq * 2 + e.k AS ord, e.seq, e.fi, e.sheet, e.source_row, e.unit_id,
      e.body, e.position, e.name_text AS name,
      ${personKeySql("coalesce(e.material, f.material)", secret)} AS person_key,
      CASE WHEN e.material IS NOT NULL THEN e.ig ELSE CASE WHEN e.g IN ('F', 'M') THEN e.g END END AS gender,
      e.eth AS ethnicity,
      CASE WHEN e.material IS NOT NULL THEN e.iy ELSE e.byear END AS byear,
      CASE WHEN e.material IS NOT NULL THEN e.im ELSE e.bmonth END AS bmonth,
      CASE WHEN e.material IS NOT NULL THEN e.iday ELSE e.bday END AS bday,
      e.edu AS education, e.college_plus, e.party_member, e.elected
    FROM offices e
    LEFT JOIN lk_fallback f ON e.material IS NULL AND f.unit_id = e.unit_id AND f.name_text = e.name_text
      AND f.byear IS NOT DISTINCT FROM e.byear AND f.bmonth IS NOT DISTINCT FROM e.bmonth)`);

  // 1. Duplicate memberships (the first stays), 2. two units of one body, 3. the party row's attributes.
  await conn.run(`
    CREATE OR REPLACE TABLE roster_resolved AS
    WITH kept AS (
      SELECT *, arg_min(unit_id, ord) OVER (PARTITION BY body, person_key) AS first_unit
      FROM roster_entries WHERE ord = first_dup
    ), party AS (
      SELECT person_key, min(ord) AS p_ord FROM kept WHERE body = 'party' GROUP BY person_key
    ), pe AS (
      -- the party rows' attributes (p_ord is always one of them: no hash table of every entry)
      SELECT ord, gender, ethnicity, byear, bmonth, bday, education, college_plus, party_member
      FROM roster_entries WHERE body = 'party' AND ord = first_dup
    )
    SELECT k.*, p.p_ord, pe.gender AS p_gender, pe.ethnicity AS p_ethnicity, pe.byear AS p_byear, pe.bmonth AS p_bm,
      pe.bday AS p_bd, pe.education AS p_education, pe.college_plus AS p_college_plus,
      pe.party_member AS p_party_member,
      p.p_ord IS NOT NULL AND p.p_ord <> k.ord AND (
        pe.gender IS DISTINCT FROM k.gender OR pe.ethnicity IS DISTINCT FROM k.ethnicity
        OR pe.byear IS DISTINCT FROM k.byear OR pe.bmonth IS DISTINCT FROM k.bmonth
        OR pe.education IS DISTINCT FROM k.education OR pe.party_member IS DISTINCT FROM k.party_member
      ) AS differs
    FROM kept k LEFT JOIN party p USING (person_key) LEFT JOIN pe ON pe.ord = p.p_ord`);

  // Findings of the cross-row rules, worded in JavaScript (few rows).
  const paths = term.roster.map((f) => f.path);
  const place = (fi: number, sheet: string | null, row: number) => ({
    sourceFile: paths[fi] as string,
    sheet,
    sourceRow: row,
  });
  const unit = (id: string) => o.unitById.get(id) as UnitRow;
  await conn.run(`
    CREATE OR REPLACE TABLE roster_cross AS
    -- dropped duplicates; a row all of whose entries are dropped is rejected
    WITH rows AS (
      SELECT *, bool_and(ord <> first_dup) OVER (PARTITION BY seq) AS row_rejected FROM roster_entries
    )
    SELECT 'dup' AS what, d.fi, d.sheet, d.source_row, d.name, d.unit_id, d.body,
      f.fi AS o_fi, f.sheet AS o_sheet, f.source_row AS o_row, f.unit_id AS o_unit, d.row_rejected,
      NULL::VARCHAR[] AS diff
    FROM rows d JOIN roster_entries f ON f.ord = d.first_dup WHERE d.ord <> d.first_dup
    UNION ALL
    SELECT 'two', k.fi, k.sheet, k.source_row, k.name, k.unit_id, k.body, NULL, NULL, NULL, k.first_unit, NULL, NULL
    FROM roster_resolved k WHERE k.unit_id <> k.first_unit
    UNION ALL
    SELECT 'attr', k.fi, k.sheet, k.source_row, k.name, k.unit_id, k.body, pe.fi, pe.sheet, pe.source_row, NULL, NULL,
      [k.gender, k.ethnicity, k.byear::VARCHAR, k.bmonth::VARCHAR, k.education, k.party_member::VARCHAR,
       k.p_gender, k.p_ethnicity, k.p_byear::VARCHAR, k.p_bm::VARCHAR, k.p_education, k.p_party_member::VARCHAR]
    FROM (SELECT *, row_number() OVER (PARTITION BY person_key ORDER BY ord) AS nth FROM roster_resolved WHERE differs) k
    JOIN roster_entries pe ON pe.ord = k.p_ord WHERE k.nth = 1`);
  await readAll(
    conn,
    "roster_cross",
    "what, fi, sheet, source_row, name, unit_id, body, o_fi, o_sheet, o_row, o_unit, row_rejected, diff",
    (rows) => {
      for (const r of rows) {
        const [what, fi, sheet, row, name, unitId, body, oFi, oSheet, oRow, oUnit, rejected, diff] = r as [
          string,
          number,
          string | null,
          number,
          string,
          string,
          Body,
          number | null,
          string | null,
          number | null,
          string | null,
          boolean | null,
          (string | null)[] | null,
        ];
        const e: EntryPlace = { ...place(fi, sheet, row), name, unit: unit(unitId), body };
        if (what === "dup") {
          const first: EntryPlace = {
            ...place(oFi as number, oSheet, oRow as number),
            name,
            unit: unit(oUnit as string),
            body,
          };
          const found = duplicateMembership(e, first);
          if (rejected) ledger.rejectAccepted(found);
          else ledger.warnings.push(found);
        } else if (what === "two") {
          ledger.warnings.push(twoUnits(e, { ...e, unit: unit(oUnit as string) }));
        } else {
          const v = diff as (string | null)[];
          const attrs = (at: number) => ({
            gender: v[at] as "F" | "M" | null,
            ethnicity: v[at + 1] ?? null,
            birth:
              v[at + 2] === null ? null : { year: Number(v[at + 2]), month: Number(v[at + 3]), day: null },
            education: (v[at + 4] ?? null) as EducationLevel | null,
            partyMember: v[at + 5] === null ? null : v[at + 5] === "1",
          });
          const p = place(oFi as number, oSheet, oRow as number);
          ledger.warnings.push(conflictingAttributes(e, p, attributeDifferences(attrs(6), attrs(0))));
        }
      }
    },
  );
  await conn.run("DROP TABLE roster_cross");

  // The members straight from the resolved entries (one pass: no wide table of them in between).
  await conn.run(`
    INSERT INTO members BY NAME
    WITH roster_members AS (
    SELECT k.*, coalesce(k.elected, d.d, '${term.referenceDate}') AS ref,
      CASE WHEN k.p_ord IS NULL THEN k.gender ELSE k.p_gender END AS m_gender,
      CASE WHEN k.p_ord IS NULL THEN k.ethnicity ELSE k.p_ethnicity END AS m_ethnicity,
      CASE WHEN k.p_ord IS NULL THEN k.byear ELSE k.p_byear END AS m_byear,
      CASE WHEN k.p_ord IS NULL THEN k.bmonth ELSE k.p_bm END AS m_bm,
      CASE WHEN k.p_ord IS NULL THEN k.bday ELSE k.p_bd END AS m_bd,
      CASE WHEN k.p_ord IS NULL THEN k.education ELSE k.p_education END AS m_education,
      CASE WHEN k.p_ord IS NULL THEN k.college_plus ELSE k.p_college_plus END AS m_college_plus,
      CASE WHEN k.p_ord IS NULL THEN k.party_member ELSE k.p_party_member END AS m_party_member
    FROM roster_resolved k LEFT JOIN ${ELECTION_DATES} d USING (unit_id, body))
    SELECT ${term.term} AS term, m.unit_id, u.township, u.unit, m.body, m.position, m.person_key, m.name,
      m.m_gender AS gender, m.m_ethnicity AS ethnicity, m.m_byear AS birth_year, m.m_bm AS birth_month,
      CAST(m.ref AS DATE) AS reference_date, m.age, m.m_education AS education,
      CAST(m.m_college_plus AS BOOLEAN) AS college_plus, CAST(m.m_party_member AS BOOLEAN) AS party_member,
      CAST(m.elected AS DATE) AS elected_on, fl.path AS source_file, m.source_row
    FROM (
      -- the age as ageOn (parse/date.ts): full years on the reference date, by month when the day is unknown
      SELECT *, year(r) - m_byear - CASE WHEN month(r) < m_bm OR (m_bd IS NOT NULL AND month(r) = m_bm AND day(r) < m_bd)
        THEN 1 ELSE 0 END AS age
      FROM (SELECT *, CAST(ref AS DATE) AS r FROM roster_members)
    ) m JOIN units u USING (unit_id) JOIN roster_files fl USING (fi)`);
  await conn.run("DROP TABLE roster_resolved");
}
