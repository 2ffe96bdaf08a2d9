/**
 * Vote tallies and candidate vetting of one term: reading their files through
 * `rows/votes.ts` and `rows/candidates.ts`, assembling elections from
 * the candidate rows, and dropping repeated vetting rows
 * (shared/spec/exports.md "votes", "candidates"; warehouse.md elections,
 * ballots, candidates).
 *
 * An election is (term, unit, body, office, round). Its rows must agree on
 * every election-level value they give (date, seats, entitled, cast, valid
 * ballots, ballots issued and returned); an election whose rows disagree is
 * rejected whole, every row of it a located reject whose message lists the
 * disagreeing values with their rows. Empty cells do not disagree: the value
 * comes from the rows that give it. An election none of whose rows gives
 * seats, entitled or cast is rejected whole as incomplete. A candidate
 * (person_key) appearing twice in one election: the first row stays, the
 * repeat is rejected.
 */

import type { BallotRow, Body, CandidateRow, ElectionRow } from "../warehouse/tables.ts";
import type { InputFile, TermSpec } from "./dataset.ts";
import { type Finding, finding, type RejectRule } from "./finding.ts";
import type { RowRules } from "./row-rules.ts";
import { type CandidateEntry, candidatesRows } from "./rows/candidates.ts";
import {
  ELECTION_FIELD_LABEL,
  ELECTION_FIELDS,
  type ElectionField,
  type VoteEntry,
  votesRows,
} from "./rows/votes.ts";

export interface VotesResult {
  readonly elections: ElectionRow[];
  readonly ballots: BallotRow[];
  /** Earliest election date per `unit_id|body` of the term. */
  readonly electionDates: Map<string, string>;
  /** Accepted rows that the assembly rejects (disagreeing or incomplete elections, repeated candidates). */
  readonly rejects: Finding[];
}

const BODY_LABEL: Record<Body, string> = { party: "党组织", committee: "村(居)委会" };

/** `第2、3行`, or `a.csv 第2行、b.csv 第5行` when the rows span files (sheets named where given). */
export function rowList(rows: readonly VoteEntry[]): string {
  const places = [...new Set(rows.map((r) => `${r.at.source_file}\u0000${r.at.sheet ?? ""}`))];
  if (places.length === 1) return `第${rows.map((r) => r.at.source_row).join("、")}行`;
  return rows
    .map((r) => `${r.at.source_file}${r.at.sheet ? ` ${r.at.sheet}` : ""} 第${r.at.source_row}行`)
    .join("、");
}

function electionName(e: VoteEntry): string {
  return `${e.unit.township}${e.unit.unit}${BODY_LABEL[e.body]}${e.office}第${e.round}轮选举`;
}

/** The disagreement of one field among the rows that give it, or null when they agree. */
function disagreement(rows: readonly VoteEntry[], field: ElectionField): string | null {
  const byValue = new Map<string | number, VoteEntry[]>();
  for (const r of rows) {
    const v = r.values[field];
    if (v === null) continue;
    const same = byValue.get(v);
    if (same) same.push(r);
    else byValue.set(v, [r]);
  }
  if (byValue.size < 2) return null;
  const parts = [...byValue].map(([v, rs]) => `${v}(${rowList(rs)})`);
  return `${ELECTION_FIELD_LABEL[field]} ${parts.join(" / ")}`;
}

function rejectAll(rows: readonly VoteEntry[], field: ElectionField, rule: RejectRule, message: string) {
  return rows.map((r) => {
    const v = r.values[field];
    return finding(r.at, r.headers[field] ?? null, v === null ? null : String(v), rule, message);
  });
}

/** The agreed value of a field: the value of the first row that gives one. */
function agreed<T extends string | number>(rows: readonly VoteEntry[], field: ElectionField): T | null {
  for (const r of rows) if (r.values[field] !== null) return r.values[field] as T;
  return null;
}

/**
 * Assemble the vote rows of one term into elections and ballots. Rows keep
 * their input order; elections are listed in order of their first row.
 */
export function assembleElections(entries: readonly VoteEntry[]): VotesResult {
  const groups = new Map<string, VoteEntry[]>();
  for (const e of entries) {
    const k = `${e.unit.unit_id}\u0000${e.body}\u0000${e.office}\u0000${e.round}`;
    const group = groups.get(k);
    if (group) group.push(e);
    else groups.set(k, [e]);
  }
  const elections: ElectionRow[] = [];
  const ballots: BallotRow[] = [];
  const rejects: Finding[] = [];
  const electionDates = new Map<string, string>();

  for (const all of groups.values()) {
    const first = all[0] as VoteEntry;
    const name = electionName(first);
    // 1. A candidate twice in one election: the first row stays.
    const seen = new Map<string, VoteEntry>();
    const rows: VoteEntry[] = [];
    for (const r of all) {
      const earlier = seen.get(r.personKey);
      if (earlier) {
        rejects.push(
          finding(
            r.at,
            null,
            r.candidate,
            "duplicate_candidate",
            `${r.candidate}在${name}中重复出现(首次见于${rowList([earlier])}),保留首行`,
          ),
        );
      } else {
        seen.set(r.personKey, r);
        rows.push(r);
      }
    }
    // 2. The rows must agree on every election-level value they give.
    const disagreements = ELECTION_FIELDS.map((f) => [f, disagreement(rows, f)] as const).filter(
      (d): d is readonly [ElectionField, string] => d[1] !== null,
    );
    if (disagreements.length) {
      const [field] = disagreements[0] as readonly [ElectionField, string];
      const message = `${name}的各行数据不一致:${disagreements.map((d) => d[1]).join(";")},整场选举不予采用`;
      rejects.push(...rejectAll(rows, field, "election_disagrees", message));
      continue;
    }
    // 3. Seats, entitled and cast must be given by some row.
    const absent = (["seats", "entitled", "cast"] as const).filter((f) => agreed(rows, f) === null);
    if (absent.length) {
      const labels = absent.map((f) => ELECTION_FIELD_LABEL[f]).join("、");
      rejects.push(
        ...rejectAll(
          rows,
          absent[0] ?? "seats",
          "missing_value",
          `${name}的各行都没有${labels},整场选举不予采用`,
        ),
      );
      continue;
    }
    const seats = agreed<number>(rows, "seats") as number;
    const entitled = agreed<number>(rows, "entitled") as number;
    const cast = agreed<number>(rows, "cast") as number;
    const date = agreed<string>(rows, "election_date");
    const election: ElectionRow = {
      term: first.term,
      unit_id: first.unit.unit_id,
      township: first.unit.township,
      unit: first.unit.unit,
      body: first.body,
      office: first.office,
      round: first.round,
      election_date: date,
      seats,
      entitled,
      cast,
      valid_ballots: agreed<number>(rows, "valid_ballots"),
      candidates: rows.length,
      elected: rows.filter((r) => r.elected).length,
      turnout: (cast / entitled) * 100,
      competition_ratio: ((rows.length - seats) / seats) * 100,
      ballots_issued: agreed<number>(rows, "ballots_issued"),
      ballots_returned: agreed<number>(rows, "ballots_returned"),
    };
    elections.push(election);
    for (const r of rows) {
      ballots.push({
        term: r.term,
        unit_id: r.unit.unit_id,
        body: r.body,
        office: r.office,
        round: r.round,
        candidate: r.candidate,
        person_key: r.personKey,
        votes: r.votes,
        vote_share: cast > 0 ? (r.votes / cast) * 100 : null,
        elected: r.elected,
        source_file: r.at.source_file,
        source_row: r.at.source_row ?? 0,
      });
    }
    if (date !== null) {
      const k = `${election.unit_id}|${election.body}`;
      const have = electionDates.get(k);
      if (have === undefined || date < have) electionDates.set(k, date);
    }
  }
  return { elections, ballots, electionDates, rejects };
}

/** The reject of vetting row `c` (of `sheet`) repeating the row `earlier` (same person, unit and body). */
export function repeatedVetting(
  c: Pick<CandidateRow, "name" | "unit" | "body" | "source_file" | "source_row">,
  sheet: string | null,
  earlier: Pick<CandidateRow, "source_file" | "source_row">,
): Finding {
  const body = c.body ? BODY_LABEL[c.body] : "(未指定组织)";
  return finding(
    { source_file: c.source_file, sheet, source_row: c.source_row },
    null,
    c.name,
    "duplicate_membership",
    `${c.name}在${c.unit}${body}的资格审查中重复出现(首次见于 ${earlier.source_file} 第${earlier.source_row}行),保留首行`,
  );
}

/**
 * Drop repeated vetting rows: a second row of the same person for the same
 * unit and body (NULL body included) in the term is rejected; the first stays.
 */
export function resolveCandidates(entries: readonly CandidateEntry[]): {
  candidates: CandidateRow[];
  rejects: Finding[];
} {
  const seen = new Map<string, CandidateEntry>();
  const candidates: CandidateRow[] = [];
  const rejects: Finding[] = [];
  for (const e of entries) {
    const c = e.row;
    const k = `${c.unit_id}\u0000${c.body ?? ""}\u0000${c.person_key}`;
    const earlier = seen.get(k);
    if (earlier) {
      rejects.push(repeatedVetting(c, e.sheet, earlier.row));
    } else {
      seen.set(k, e);
      candidates.push(c);
    }
  }
  return { candidates, rejects };
}

/** Reads one file of the term through its row rules, each accepted record to `sink` (the ingest driver, bound to its ledger and context). */
export type ReadFile = <R>(file: InputFile, rules: RowRules<R>, sink: (record: R) => void) => Promise<void>;

/** What {@link ingestVoting} reads with and writes to. */
export interface VotingIO {
  readonly read: ReadFile;
  readonly election: (row: ElectionRow) => void;
  readonly ballot: (row: BallotRow) => void;
  readonly candidate: (row: CandidateRow) => void;
  /** An accepted row the assembly rejects (move it with `Ledger.rejectAccepted`). */
  readonly reject: (finding: Finding) => void;
}

/**
 * Read and assemble the vote tallies and vetting files of one small term row
 * by row, its rows held in memory (a large term goes through `voting-term.ts`).
 * Row-level findings go to the ledger through `io.read`. Returns the earliest
 * election date per `unit_id|body`.
 */
export async function ingestVoting(term: TermSpec, io: VotingIO): Promise<Map<string, string>> {
  const votes: VoteEntry[] = [];
  for (const file of term.votes) await io.read(file, votesRows, (e) => votes.push(e));
  const assembled = assembleElections(votes);
  for (const e of assembled.elections) io.election(e);
  for (const b of assembled.ballots) io.ballot(b);
  for (const r of assembled.rejects) io.reject(r);
  const vetting: CandidateEntry[] = [];
  for (const file of term.candidates) await io.read(file, candidatesRows, (e) => vetting.push(e));
  const resolved = resolveCandidates(vetting);
  for (const c of resolved.candidates) io.candidate(c);
  for (const r of resolved.rejects) io.reject(r);
  return assembled.electionDates;
}
