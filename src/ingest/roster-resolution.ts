/**
 * Cross-row resolution of roster entries of one term (shared/spec/exports.md
 * "Rejects and warnings", metrics.md "Age"): duplicate memberships, a person
 * in two units of one body, personal attributes taken from the party row,
 * reference dates and ages. Input order decides which duplicate stays: the
 * first row read.
 *
 * The build runs these rules in SQL (`roster-term.ts`), with the findings
 * worded by the functions here; {@link resolveRoster} is the reference that
 * path is tested against (test/ingest/roster-term.test.ts).
 */

import { ageOn } from "../parse/date.ts";
import { isCollegePlus } from "../parse/education.ts";
import type { Body, MemberRow } from "../warehouse/tables.ts";
import { type Finding, finding, type Location } from "./finding.ts";
import type { RosterEntry } from "./rows/roster.ts";

const BODY_LABEL: Record<Body, string> = { party: "党组织", committee: "村(居)委会" };

export interface RosterResolution {
  readonly members: MemberRow[];
  /** Findings about entries that were dropped; `rowRejected` says whether the whole row is rejected. */
  readonly dropped: { readonly finding: Finding; readonly rowRejected: boolean }[];
  readonly warnings: Finding[];
}

function where(e: Pick<RosterEntry, "sourceFile" | "sheet" | "sourceRow">): Location {
  return { source_file: e.sourceFile, sheet: e.sheet, source_row: e.sourceRow };
}

/** What of a roster entry the findings of cross-row rules name. */
export type EntryPlace = Pick<RosterEntry, "name" | "unit" | "body" | "sourceFile" | "sheet" | "sourceRow">;

/** The finding of a membership `e` that repeats `first` (same person, unit, body and term). */
export function duplicateMembership(e: EntryPlace, first: EntryPlace): Finding {
  return finding(
    where(e),
    null,
    e.name,
    "duplicate_membership",
    `${e.name}在${e.unit.unit}${BODY_LABEL[e.body]}中重复出现(首次见于 ${first.sourceFile}${first.sheet ? ` ${first.sheet}` : ""} 第${first.sourceRow}行),保留首行`,
  );
}

/** The warning of a person whose membership `e` is in another unit of the same body than `first`. */
export function twoUnits(e: EntryPlace, first: EntryPlace): Finding {
  return finding(
    where(e),
    null,
    e.name,
    "two_units",
    `${e.name}同时出现在${first.unit.township}${first.unit.unit}和${e.unit.township}${e.unit.unit}的${BODY_LABEL[e.body]}中`,
  );
}

/** The personal attributes in which entry `e` differs from the party row `p`, as named in messages. */
export function attributeDifferences(
  p: Pick<RosterEntry, "gender" | "ethnicity" | "birth" | "education" | "partyMember">,
  e: Pick<RosterEntry, "gender" | "ethnicity" | "birth" | "education" | "partyMember">,
): string[] {
  const diff: string[] = [];
  if (p.gender !== e.gender) diff.push("性别");
  if (p.ethnicity !== e.ethnicity) diff.push("民族");
  if (
    (p.birth?.year ?? null) !== (e.birth?.year ?? null) ||
    (p.birth?.month ?? null) !== (e.birth?.month ?? null)
  )
    diff.push("出生年月");
  if (p.education !== e.education) diff.push("学历");
  if (p.partyMember !== e.partyMember) diff.push("政治面貌");
  return diff;
}

/** The warning of an entry `e` whose attributes `diff` differ from the party row `p` (which wins). */
export function conflictingAttributes(
  e: EntryPlace,
  p: Pick<RosterEntry, "sourceFile" | "sourceRow">,
  diff: readonly string[],
): Finding {
  return finding(
    where(e),
    null,
    e.name,
    "conflicting_attributes",
    `${e.name}的${diff.join("、")}与党组织名册(${p.sourceFile} 第${p.sourceRow}行)不一致,以党组织名册为准`,
  );
}

function rowKey(e: RosterEntry): string {
  return `${e.sourceFile}\u0000${e.sheet ?? ""}\u0000${e.sourceRow}`;
}

/**
 * Resolve the entries of one term.
 * @param electionDates earliest election date per `unit_id|body` of this term from the vote tallies
 * @param referenceDate the term's manifest reference_date
 */
export function resolveRoster(
  entries: readonly RosterEntry[],
  referenceDate: string,
  electionDates: ReadonlyMap<string, string>,
): RosterResolution {
  const dropped: { finding: Finding; rowRejected: boolean }[] = [];
  const warnings: Finding[] = [];

  // 1. Duplicate memberships: same person, unit, body and term; the first stays.
  const kept: RosterEntry[] = [];
  const seen = new Map<string, RosterEntry>();
  const droppedEntries = new Map<string, number>();
  for (const e of entries) {
    const k = `${e.unit.unit_id}|${e.body}|${e.personKey}`;
    const first = seen.get(k);
    if (first) {
      droppedEntries.set(rowKey(e), (droppedEntries.get(rowKey(e)) ?? 0) + 1);
      dropped.push({
        finding: duplicateMembership(e, first),
        rowRejected: false,
      });
    } else {
      seen.set(k, e);
      kept.push(e);
    }
  }
  // A row all of whose memberships were duplicates is a rejected row.
  const entriesPerRow = new Map<string, number>();
  for (const e of entries) entriesPerRow.set(rowKey(e), (entriesPerRow.get(rowKey(e)) ?? 0) + 1);
  for (const d of dropped) {
    const k = `${d.finding.source_file}\u0000${d.finding.sheet ?? ""}\u0000${d.finding.source_row}`;
    d.rowRejected = droppedEntries.get(k) === entriesPerRow.get(k);
  }

  // 2. The same person in two units of one body.
  const unitOf = new Map<string, RosterEntry>();
  for (const e of kept) {
    const k = `${e.body}|${e.personKey}`;
    const first = unitOf.get(k);
    if (!first) unitOf.set(k, e);
    else if (first.unit.unit_id !== e.unit.unit_id) {
      warnings.push(twoUnits(e, first));
    }
  }

  // 3. Personal attributes: the party row wins for every body.
  const partyRow = new Map<string, RosterEntry>();
  for (const e of kept) if (e.body === "party" && !partyRow.has(e.personKey)) partyRow.set(e.personKey, e);
  const warned = new Set<string>();
  const members: MemberRow[] = kept.map((e) => {
    const p = partyRow.get(e.personKey) ?? e;
    if (p !== e && !warned.has(e.personKey)) {
      const diff = attributeDifferences(p, e);
      if (diff.length) {
        warned.add(e.personKey);
        warnings.push(conflictingAttributes(e, p, diff));
      }
    }
    const ref = e.electedOn ?? electionDates.get(`${e.unit.unit_id}|${e.body}`) ?? referenceDate;
    const birth = p.birth;
    return {
      term: e.term,
      unit_id: e.unit.unit_id,
      township: e.unit.township,
      unit: e.unit.unit,
      body: e.body,
      position: e.position,
      person_key: e.personKey,
      name: e.name,
      gender: p.gender,
      ethnicity: p.ethnicity,
      birth_year: birth?.year ?? null,
      birth_month: birth?.month ?? null,
      reference_date: ref,
      age: birth ? ageOn(birth, ref) : null,
      education: p.education,
      college_plus: p.education === null ? null : isCollegePlus(p.education),
      party_member: p.partyMember,
      elected_on: e.electedOn,
      source_file: e.sourceFile,
      source_row: e.sourceRow,
    };
  });
  return { members, dropped, warnings };
}
