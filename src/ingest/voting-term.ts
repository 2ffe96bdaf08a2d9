/**
 * The vote tallies and vetting of one term as set operations in the build's
 * DuckDB, for large terms (a county's go row by row through `voting.ts`; both
 * give the same rows and findings, test/ingest/voting-term.test.ts). The cells
 * are staged as text (`staging.ts`); each field's row rule of `rows/votes.ts`
 * and `rows/candidates.ts` runs once per distinct value; SQL joins them back,
 * decides each row's outcome in the order of the row rules, keys persons
 * (HMAC-SHA-256 in SQL), and does the cross-row rules: an election whose rows
 * all agree, with no candidate twice, is assembled in SQL; the rows of any other
 * election (few) go back to JavaScript and through `assembleElections`, which
 * words its messages. Repeated vetting rows are found by a window; their
 * messages are worded in JavaScript.
 */
import type { HeaderMap } from "../read/header.ts";
import { openChunkAppender } from "../warehouse/chunk-appender.ts";
import { type DuckDBConnection, loadRows } from "../warehouse/duckdb.ts";
import * as W from "../warehouse/tables.ts";
import type { InputFile } from "./dataset.ts";
import { addElectionDates, ELECTION_DATES, electionDateRows } from "./election-dates.ts";
import type { Finding } from "./finding.ts";
import { fallbackMaterial, idMaterial } from "./person-key.ts";
import type { FileContext } from "./row-rules.ts";
import { candidatesRows, readStatus, readVettingParty, reasonText } from "./rows/candidates.ts";
import { readIdCell, readName } from "./rows/roster.ts";
import { bodyCell, readPersonName } from "./rows/shared.ts";
import {
  COUNT_FIELDS,
  type ElectionField,
  electionHeaders,
  readCount,
  readElectedCell,
  readElectionDate,
  readOfficeBody,
  readRoundCell,
  readVotes,
  type VoteEntry,
  votesRows,
} from "./rows/votes.ts";
import {
  ABSENT,
  type CodedInput,
  countOutcomes,
  firstRules,
  idSql,
  lookup,
  nameSql,
  PLACE,
  packFindings,
  personKeySql,
  readAll,
  rowFindings,
  type Staged,
  stage,
  type TermSetOptions,
  termLookup,
  unitLookup,
} from "./staging.ts";
import { assembleElections, repeatedVetting } from "./voting.ts";

export type VotingTermOptions = TermSetOptions;

/** Rows of unresolved elections handed to `assembleElections` at once (whole elections, so a little more). */
const ASSEMBLE_BATCH = 10_000;

const isFinding = (x: unknown): x is Finding => typeof x === "object" && x !== null && "rule" in x;

/** The reject of a reading, packed, or null. */
const rejectOf = (x: unknown) => (isFinding(x) ? packFindings([x]) : null);

/** A quoted column name (`cast`, `round` and others are SQL words). */
const q = (name: string) => `"${name}"`;

/** Stage the files of one kind and run the lookups shared by votes and vetting. */
async function stageKind(
  o: VotingTermOptions,
  prefix: string,
  files: readonly InputFile[],
  rules: typeof votesRows | typeof candidatesRows,
): Promise<{ staged: Staged; ctx: FileContext; bodyCtx: (code: string) => FileContext }> {
  const staged = await stage({
    conn: o.conn,
    prefix,
    files,
    rules: rules as never,
    fields: rules.fields.map((f) => f.field),
    ledger: o.ledger,
    ingest: o.ingest,
    readFile: o.readFile,
  });
  const ctx = o.ctxFor(files[0] as InputFile);
  const raw = `${prefix}_raw`;
  await unitLookup(o.conn, raw, `${prefix}_place`, ctx);
  await termLookup(o.conn, raw, `${prefix}_term`, ctx);
  await lookup(
    o.conn,
    raw,
    `${prefix}_id`,
    ["id_number"],
    [["material", "VARCHAR"]],
    (input) => {
      const r = readIdCell(input);
      return { out: [r.value?.valid ? idMaterial(r.value.normalized) : null], findings: r.warnings };
    },
    idSql(["material"]),
  );
  const bodyCtx = (code: string): FileContext => ({
    ...ctx,
    body: code === ABSENT ? null : (code as W.Body),
  });
  return { staged, ctx, bodyCtx };
}

/**
 * The outcomes of `<prefix>_rows` counted per file and their findings recorded (`paths`: the files'
 * names by index), then the accepted rows keyed ({@link keyRows}).
 */
async function settleRows(o: VotingTermOptions, prefix: string, staged: Staged, paths: readonly string[]) {
  await countOutcomes(o.conn, `${prefix}_rows`, staged.entries);
  await rowFindings(o.conn, `${prefix}_rows`, paths, staged, o.ledger);
  await keyRows(o, prefix);
}

/**
 * `<prefix>_keyed`: the accepted rows of `<prefix>_rows` with their person_key (of the valid ID
 * number, else of township, unit and name without birth).
 */
async function keyRows(o: VotingTermOptions, prefix: string): Promise<void> {
  const { conn } = o;
  await conn.run(`
    CREATE OR REPLACE TABLE lk_${prefix}_fallback_keys AS
    SELECT DISTINCT unit_id, name_text FROM ${prefix}_rows WHERE status = 'accepted' AND material IS NULL`);
  const fallback = await openChunkAppender(conn, `lk_${prefix}_fallback`, [
    ["unit_id", "VARCHAR"],
    ["name_text", "VARCHAR"],
    ["fmaterial", "VARCHAR"],
  ]);
  await readAll(conn, `lk_${prefix}_fallback_keys`, "unit_id, name_text", (rows) => {
    for (const [unitId, name] of rows as [string, string][]) {
      const unit = o.unitById.get(unitId) as W.UnitRow;
      fallback.append([unitId, name, fallbackMaterial(unit.township, unit.unit, name, null)]);
    }
  });
  fallback.close();
  await conn.run(`
    CREATE OR REPLACE TABLE ${prefix}_keyed AS
    SELECT r.*, ${personKeySql("coalesce(r.material, f.fmaterial)", o.secret)} AS person_key
    FROM ${prefix}_rows r LEFT JOIN lk_${prefix}_fallback f
      ON r.material IS NULL AND f.unit_id = r.unit_id AND f.name_text = r.name_text
    WHERE r.status = 'accepted'`);
}

async function dropAll(conn: DuckDBConnection, prefix: string, lookups: readonly string[]) {
  for (const t of ["raw", "files", "rows", "keyed", "groups"])
    await conn.run(`DROP TABLE IF EXISTS ${prefix}_${t}`);
  for (const t of [...lookups, "place", "term", "id", "fallback", "fallback_keys"])
    await conn.run(`DROP TABLE IF EXISTS lk_${prefix}_${t}`);
}

const COUNT_SQL = COUNT_FIELDS.map((f) => `c_${f}`);
const VOTE_LOOKUPS = ["name", "office", "round", "date", "votes", "elected", ...COUNT_SQL];

/**
 * Read and assemble the vote tallies of one term into the `elections` and `ballots` tables (which
 * must exist); findings and counts go to the ledger. The earliest election date of each unit and
 * body goes to `term_election_dates` (election-dates.ts; it must exist, empty).
 */
export async function ingestVotesTerm(o: VotingTermOptions): Promise<void> {
  const { conn, term, ledger } = o;
  if (term.votes.length === 0) return;
  const { staged, bodyCtx } = await stageKind(o, "v", term.votes, votesRows);
  const raw = "v_raw";
  await lookup(
    conn,
    raw,
    "v_name",
    ["candidate"],
    [["name_text", "VARCHAR"]],
    (input) => {
      const name = readPersonName(input, "candidate", "缺少候选人姓名");
      return typeof name === "string" ? { out: [name] } : { out: [null], findings: [name] };
    },
    nameSql("candidate"),
  );
  await lookup(
    conn,
    raw,
    "v_office",
    ["office", "body", "fbody"],
    [
      ["office_text", "VARCHAR"],
      ["body_v", "VARCHAR"],
      ["rej", "VARCHAR"],
    ],
    (input) => {
      const r = readOfficeBody(input, bodyCtx(input.code("fbody")));
      if ("reject" in r) return { out: [null, null, packFindings([r.reject])], findings: r.warnings };
      return { out: [r.office, r.body, null], findings: r.warnings };
    },
  );
  const integer = (name: string, field: string, read: (input: CodedInput) => unknown) =>
    lookup(
      conn,
      raw,
      `v_${name}`,
      [field],
      [
        ["n", "INTEGER"],
        ["rej", "VARCHAR"],
      ],
      (input) => {
        const r = read(input);
        if (typeof r === "boolean") return { out: [Number(r), null] };
        return { out: [typeof r === "number" ? r : null, rejectOf(r)] };
      },
    );
  await integer("round", "round", readRoundCell);
  for (const f of COUNT_FIELDS) await integer(`c_${f}`, f, (input) => readCount(input, f));
  await integer("votes", "votes", readVotes);
  await integer("elected", "elected", readElectedCell);
  await lookup(conn, raw, "v_date", ["election_date"], [["day", "VARCHAR"]], (input) => {
    const r = readElectionDate(input);
    return { out: [r.value], findings: r.warnings };
  });

  // Each row's outcome and findings, in the order of votesRows.row.
  const counts = COUNT_FIELDS.map((f) => `lk_v_c_${f}`);
  const first = firstRules("v_", "candidate");
  const rejectsInOrder = ["o.rej", "rd.rej", ...COUNT_FIELDS.map((f) => `c_${f}.rej`), "vv.rej", "el.rej"];
  await conn.run(`
    CREATE OR REPLACE TABLE v_rows AS
    SELECT r.seq, r.fi, r.sheet, r.source_row, r.hdr, n.name_text, p.unit_id, o.office_text, o.body_v,
      rd.n AS rnd, ${COUNT_FIELDS.map((f) => `c_${f}.n AS ${q(f)}`).join(", ")}, d.day, vv.n AS nv, el.n AS el,
      i.material,
      CASE WHEN ${first.rejected}
        OR ${rejectsInOrder.map((x) => `${x} IS NOT NULL`).join(" OR ")} THEN 'rejected' ELSE 'accepted' END AS status,
      CASE ${first.findings}
        WHEN o.rej IS NOT NULL THEN [o.rej, o.f]
        ${["rd.rej", ...COUNT_FIELDS.map((f) => `c_${f}.rej`)].map((x) => `WHEN ${x} IS NOT NULL THEN [${x}, o.f]`).join("\n        ")}
        WHEN vv.rej IS NOT NULL THEN [vv.rej, o.f, d.f]
        WHEN el.rej IS NOT NULL THEN [el.rej, o.f, d.f]
        ELSE [o.f, d.f, i.f] END AS fs
    FROM v_raw r
    ${first.joins}
    JOIN lk_v_office o USING (office, body, fbody)
    JOIN lk_v_round rd USING (round)
    ${COUNT_FIELDS.map((f, k) => `JOIN ${counts[k]} c_${f} USING (${q(f)})`).join("\n    ")}
    JOIN lk_v_date d USING (election_date)
    JOIN lk_v_votes vv USING (votes)
    JOIN lk_v_elected el USING (elected)
    JOIN lk_v_id i USING (id_number)`);
  const paths = term.votes.map((f) => f.path);
  await settleRows(o, "v", staged, paths);

  // Elections: (unit, body, office, round). One whose rows all agree, with no candidate twice and
  // seats, entitled and cast given, is assembled here; the others below. "All agree" is at most one
  // distinct value besides NULL: its min equals its max, or it has none. Aggregated per candidate
  // first (a candidate twice: n > 1), then per election, so no DISTINCT aggregate or window.
  const election = "unit_id, body_v, office_text, rnd";
  const values = ["day", ...COUNT_FIELDS.map(q)];
  const lo = (v: string) => `"lo_${v.replaceAll('"', "")}"`;
  const hi = (v: string) => `"hi_${v.replaceAll('"', "")}"`;
  await conn.run(`
    CREATE OR REPLACE TABLE v_groups AS
    SELECT ${election},
      max(n) = 1 AND ${values.map((v) => `coalesce(min(${lo(v)}) = max(${hi(v)}), true)`).join(" AND ")}
        AND max(${hi('"seats"')}) IS NOT NULL AND max(${hi('"entitled"')}) IS NOT NULL AND max(${hi('"cast"')}) IS NOT NULL AS clean,
      ${values.map((v) => `max(${hi(v)}) AS ${v}`).join(", ")}, sum(n)::INTEGER AS nc, sum(ne)::INTEGER AS ne
    FROM (
      SELECT ${election}, count(*) AS n, count_if(el = 1) AS ne,
        ${values.map((v) => `min(${v}) AS ${lo(v)}, max(${v}) AS ${hi(v)}`).join(", ")}
      FROM v_keyed GROUP BY ${election}, person_key)
    GROUP BY ALL`);
  await conn.run(`
    INSERT INTO elections BY NAME
    SELECT ${term.term} AS term, g.unit_id, u.township, u.unit, g.body_v AS body, g.office_text AS office,
      g.rnd AS round, CAST(g.day AS DATE) AS election_date, g.seats, g.entitled, g."cast", g.valid_ballots,
      g.nc AS candidates, g.ne AS elected, (g."cast"::DOUBLE / g.entitled) * 100 AS turnout,
      ((g.nc - g.seats)::DOUBLE / g.seats) * 100 AS competition_ratio, g.ballots_issued, g.ballots_returned
    FROM v_groups g JOIN units u USING (unit_id) WHERE g.clean`);
  await conn.run(`
    INSERT INTO ballots BY NAME
    SELECT ${term.term} AS term, v.unit_id, v.body_v AS body, v.office_text AS office, v.rnd AS round,
      v.name_text AS candidate, v.person_key, v.nv AS votes,
      CASE WHEN g."cast" > 0 THEN (v.nv::DOUBLE / g."cast") * 100 END AS vote_share, v.el = 1 AS elected,
      fl.path AS source_file, v.source_row
    FROM v_keyed v JOIN v_groups g USING (${election}) JOIN v_files fl USING (fi) WHERE g.clean`);
  await conn.run(`
    INSERT INTO ${ELECTION_DATES}
    SELECT unit_id, body_v, min(day) FROM v_groups WHERE clean AND day IS NOT NULL GROUP BY ALL`);
  /** The dates of the other elections (few), keyed `unit_id|body`. */
  const dates = new Map<string, string>();

  // The other elections, row by row through the assembly of voting.ts (it words the messages).
  await conn.run(`
    CREATE OR REPLACE TABLE v_unclean AS
    SELECT v.* FROM v_keyed v JOIN v_groups g USING (${election}) WHERE NOT g.clean
    ORDER BY ${election}, v.seq`);
  const elections: W.ElectionRow[] = [];
  const ballots: W.BallotRow[] = [];
  let batch: VoteEntry[] = [];
  let last = "";
  const assemble = () => {
    const got = assembleElections(batch);
    elections.push(...got.elections);
    ballots.push(...got.ballots);
    for (const r of got.rejects) ledger.rejectAccepted(r);
    for (const [k, date] of got.electionDates) {
      const have = dates.get(k);
      if (have === undefined || date < have) dates.set(k, date);
    }
    batch = [];
  };
  await readAll(
    conn,
    "v_unclean",
    `fi, sheet, source_row, hdr, unit_id, body_v, office_text, rnd, day, ${COUNT_FIELDS.map(q).join(", ")}, name_text, person_key, nv, el`,
    (rows) => {
      for (const row of rows) {
        const [fi, sheet, sourceRow, hdr, unitId, body, office, round, day, ...rest] = row as [
          number,
          string | null,
          number,
          number,
          string,
          W.Body,
          VoteEntry["office"],
          number,
          string | null,
          ...unknown[],
        ];
        const [candidate, personKey, votes, elected] = rest.slice(COUNT_FIELDS.length) as [
          string,
          string,
          number,
          number,
        ];
        const group = `${unitId}\u0000${body}\u0000${office}\u0000${round}`;
        if (group !== last && batch.length >= ASSEMBLE_BATCH) assemble();
        last = group;
        const header = staged.headers[hdr] as HeaderMap;
        const values = { election_date: day } as Record<ElectionField, string | number | null>;
        COUNT_FIELDS.forEach((f, k) => {
          values[f] = rest[k] as number | null;
        });
        batch.push({
          term: term.term,
          unit: o.unitById.get(unitId) as W.UnitRow,
          body,
          office,
          round,
          values,
          headers: electionHeaders((f) => header.columns.get(f)?.header),
          candidate,
          personKey,
          votes,
          elected: elected === 1,
          at: { source_file: paths[fi] as string, sheet, source_row: sourceRow },
        });
      }
    },
  );
  if (batch.length) assemble();
  await loadRows(conn, W.elections, elections, "v_elections");
  await conn.run("INSERT INTO elections SELECT * FROM v_elections");
  await loadRows(conn, W.ballots, ballots, "v_ballots");
  await conn.run("INSERT INTO ballots SELECT * FROM v_ballots");
  for (const t of ["v_elections", "v_ballots", "v_unclean"]) await conn.run(`DROP TABLE ${t}`);
  await dropAll(conn, "v", VOTE_LOOKUPS);
  await addElectionDates(conn, electionDateRows(dates));
}

const VETTING_LOOKUPS = ["name", "status", "body", "party", "reason"];

/**
 * Read the vetting files of one term into the `candidates` table (which must exist), dropping
 * repeated rows (same person, unit and body: the first stays); findings and counts go to the ledger.
 */
export async function ingestVettingTerm(o: VotingTermOptions): Promise<void> {
  const { conn, term, ledger } = o;
  if (term.candidates.length === 0) return;
  const { staged, bodyCtx } = await stageKind(o, "c", term.candidates, candidatesRows);
  const raw = "c_raw";
  await lookup(
    conn,
    raw,
    "c_name",
    ["name"],
    [["name_text", "VARCHAR"]],
    (input) => {
      const name = readName(input);
      return typeof name === "string" ? { out: [name] } : { out: [null], findings: [name] };
    },
    nameSql("name"),
  );
  await lookup(
    conn,
    raw,
    "c_status",
    ["status"],
    [
      ["st", "VARCHAR"],
      ["rej", "VARCHAR"],
    ],
    (input) => {
      const r = readStatus(input);
      return { out: [typeof r === "string" ? r : null, rejectOf(r)] };
    },
  );
  await lookup(conn, raw, "c_body", ["body", "fbody"], [["body_v", "VARCHAR"]], (input) => {
    const warnings: Finding[] = [];
    const body = bodyCell(input, warnings, "拟参选组织", "按未指定处理");
    return { out: [body ?? bodyCtx(input.code("fbody")).body], findings: warnings };
  });
  await lookup(conn, raw, "c_party", ["party"], [["pm", "INTEGER"]], (input) => {
    const warnings: Finding[] = [];
    const party = readVettingParty(input, warnings);
    return { out: [party === null ? null : Number(party)], findings: warnings };
  });
  await lookup(conn, raw, "c_reason", ["reason"], [["reason_v", "VARCHAR"]], (input) => ({
    out: [reasonText(input)],
  }));
  await conn.run(`
    CREATE OR REPLACE TABLE c_rows AS
    SELECT r.seq, r.fi, r.sheet, r.source_row, r.hdr, n.name_text, p.unit_id, s.st, b.body_v, pa.pm,
      rs.reason_v, i.material,
      CASE WHEN n.f IS NOT NULL OR p.f IS NOT NULL OR t.f IS NOT NULL OR s.rej IS NOT NULL
        THEN 'rejected' ELSE 'accepted' END AS status,
      CASE WHEN n.f IS NOT NULL THEN [n.f] WHEN p.f IS NOT NULL THEN [p.f] WHEN t.f IS NOT NULL THEN [t.f]
        WHEN s.rej IS NOT NULL THEN [s.rej]
        ELSE [b.f, pa.f, i.f] END AS fs
    FROM c_raw r
    JOIN lk_c_name n USING (name)
    JOIN lk_c_place p USING (${PLACE.join(", ")})
    JOIN lk_c_term t USING (term)
    JOIN lk_c_status s USING (status)
    JOIN lk_c_body b USING (body, fbody)
    JOIN lk_c_party pa USING (party)
    JOIN lk_c_reason rs USING (reason)
    JOIN lk_c_id i USING (id_number)`);
  const paths = term.candidates.map((f) => f.path);
  await settleRows(o, "c", staged, paths);
  await conn.run(`
    CREATE OR REPLACE TABLE c_groups AS
    SELECT *, min(seq) OVER (PARTITION BY unit_id, body_v, person_key) AS first_seq FROM c_keyed`);
  await conn.run(`
    INSERT INTO candidates BY NAME
    SELECT ${term.term} AS term, c.unit_id, u.township, u.unit, c.body_v AS body, c.person_key,
      c.name_text AS name, CAST(c.pm AS BOOLEAN) AS party_member, c.st AS status, c.reason_v AS reason,
      fl.path AS source_file, c.source_row
    FROM c_groups c JOIN units u USING (unit_id) JOIN c_files fl USING (fi) WHERE c.seq = c.first_seq`);
  await conn.run(`
    CREATE OR REPLACE TABLE c_repeats AS
    SELECT c.fi, c.sheet, c.source_row, c.name_text, c.unit_id, c.body_v, f.fi AS o_fi, f.source_row AS o_row
    FROM c_groups c JOIN c_groups f ON f.seq = c.first_seq WHERE c.seq <> c.first_seq`);
  await readAll(
    conn,
    "c_repeats",
    "fi, sheet, source_row, name_text, unit_id, body_v, o_fi, o_row",
    (rows) => {
      for (const [fi, sheet, sourceRow, name, unitId, body, oFi, oRow] of rows as [
        number,
        string | null,
        number,
        string,
        string,
        W.Body | null,
        number,
        number,
      ][]) {
        const unit = o.unitById.get(unitId) as W.UnitRow;
        ledger.rejectAccepted(
          repeatedVetting(
            { name, unit: unit.unit, body, source_file: paths[fi] as string, source_row: sourceRow },
            sheet,
            { source_file: paths[oFi] as string, source_row: oRow },
          ),
        );
      }
    },
  );
  await conn.run("DROP TABLE c_repeats");
  await dropAll(conn, "c", VETTING_LOOKUPS);
}
