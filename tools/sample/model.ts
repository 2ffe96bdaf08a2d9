/**
 * The in-memory records of a generated dataset: units, persons, and the
 * members of each unit in each term with their positions in the two bodies.
 * Files are written from these records; the self-check reads them.
 */
import type { Day } from "./day.ts";

export type Gender = "M" | "F";
export type Body = "party" | "committee";
export type Position = "secretary" | "deputy_secretary" | "chair" | "vice_chair" | "member";
export type Level =
  | "none"
  | "primary"
  | "junior"
  | "senior"
  | "vocational"
  | "college"
  | "bachelor"
  | "postgraduate";

/** 大专及以上. */
export const COLLEGE_PLUS: ReadonlySet<Level> = new Set(["college", "bachelor", "postgraduate"]);

export interface Unit {
  /** The unit_id the pipeline derives: the 12-digit code, else `township/unit`. */
  readonly id: string;
  readonly township: string;
  readonly name: string;
  readonly type: "village" | "community";
  readonly code: string | null;
  readonly keyUnit: boolean;
}

/** A person; the same object across terms when re-elected (same ID number). */
export interface Person {
  readonly uid: number;
  name: string;
  gender: Gender;
  birth: Day;
  ethnicity: string;
  /** The ID number as written in the exports (valid unless `idValid` is false). */
  idNumber: string;
  idValid: boolean;
}

/** One person in one unit and term, with their positions in either body. */
export interface Member {
  person: Person;
  party: Position | null;
  committee: Position | null;
  level: Level;
  /** The education is written as a text the pipeline does not recognise (so: unknown, not college). */
  eduUnknown: boolean;
  partyMember: boolean;
  /** The committee seat reserved for a woman (妇女委员). */
  womenSeat: boolean;
  /** Also a member of this unit in the other term (连任). */
  carried: boolean;
}

export interface UnitTerm {
  readonly unit: Unit;
  readonly term: number;
  members: Member[];
  /** The day each body was elected (the manifest reference date when the term has no votes). */
  partyDate: Day;
  committeeDate: Day;
}

export interface TermData {
  readonly term: number;
  readonly referenceDate: Day;
  readonly units: UnitTerm[];
  /** Whether roster rows carry 当选时间 and the term has vote tallies. */
  readonly hasVotes: boolean;
}

/** One candidate's row in one election round (选举结果). */
export interface Ballot {
  readonly unit: Unit;
  readonly term: number;
  readonly body: Body;
  readonly office: "委员" | "书记" | "副书记" | "主任" | "副主任";
  readonly round: number;
  readonly date: Day;
  readonly seats: number;
  readonly entitled: number;
  readonly cast: number;
  readonly issued: number;
  readonly returned: number;
  readonly valid: number;
  readonly candidate: Person;
  readonly votes: number;
  readonly elected: boolean;
}

/** One registrant of candidate vetting (资格审查). */
export interface Registrant {
  readonly unit: Unit;
  readonly term: number;
  readonly person: Person;
  readonly body: Body;
  readonly partyMember: boolean;
  readonly status: "passed" | "disqualified" | "withdrawn";
  readonly reason: string | null;
}

/** A deliberately invalid election, documented in the sample's README. */
export interface PlantedFault {
  readonly kind: "quorum" | "competition" | "half_votes" | "revote" | "unfilled";
  readonly unit: Unit;
  readonly description: string;
}

/** Every unit's membership and person counts, as the body-level metrics see them. */
export function partyMembers(ut: UnitTerm): Member[] {
  return ut.members.filter((m) => m.party !== null);
}
