/**
 * The warehouse tables of `shared/spec/warehouse.md`, defined once. Column
 * order here is the column order written to Parquet. Names and meanings are
 * public interface: add columns only at the end, never rename.
 */
import { bigint, boolean, date, defineTable, double, integer, oneOf, type Row, varchar } from "./column.ts";

export const BODIES = ["party", "committee"] as const;
export const BODIES_BOTH = ["party", "committee", "both"] as const;
export const POSITIONS = ["secretary", "deputy_secretary", "chair", "vice_chair", "member"] as const;
export const EDUCATION_LEVELS = [
  "none",
  "primary",
  "junior",
  "senior",
  "vocational",
  "college",
  "bachelor",
  "postgraduate",
] as const;
export const UNIT_TYPES = ["village", "community"] as const;
export const SCOPES = ["county", "township", "unit"] as const;
export const CHECK_STATUSES = ["passed", "failed", "not_applicable"] as const;
export const VETTING_STATUSES = ["passed", "disqualified", "withdrawn"] as const;

export type Body = (typeof BODIES)[number];
export type Position = (typeof POSITIONS)[number];
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export type UnitType = (typeof UNIT_TYPES)[number];

export const units = defineTable("units", {
  unit_id: varchar.required(),
  unit_code: varchar.nullable(),
  township: varchar.required(),
  unit: varchar.required(),
  unit_type: oneOf(UNIT_TYPES).required(),
  key_unit: boolean.required(),
});

export const members = defineTable("members", {
  term: integer.required(),
  unit_id: varchar.required(),
  township: varchar.required(),
  unit: varchar.required(),
  body: oneOf(BODIES).required(),
  position: oneOf(POSITIONS).required(),
  person_key: varchar.required(),
  name: varchar.required(),
  gender: oneOf(["F", "M"]).nullable(),
  ethnicity: varchar.nullable(),
  birth_year: integer.nullable(),
  birth_month: integer.nullable(),
  reference_date: date.required(),
  age: integer.nullable(),
  education: oneOf(EDUCATION_LEVELS).nullable(),
  college_plus: boolean.nullable(),
  party_member: boolean.nullable(),
  elected_on: date.nullable(),
  source_file: varchar.required(),
  source_row: integer.required(),
});

export const elections = defineTable("elections", {
  term: integer.required(),
  unit_id: varchar.required(),
  township: varchar.required(),
  unit: varchar.required(),
  body: oneOf(BODIES).required(),
  office: varchar.required(),
  round: integer.required(),
  election_date: date.nullable(),
  seats: integer.required(),
  entitled: integer.required(),
  cast: integer.required(),
  valid_ballots: integer.nullable(),
  candidates: integer.required(),
  elected: integer.required(),
  turnout: double.nullable(),
  competition_ratio: double.nullable(),
  ballots_issued: integer.nullable(),
  ballots_returned: integer.nullable(),
});

export const ballots = defineTable("ballots", {
  term: integer.required(),
  unit_id: varchar.required(),
  body: oneOf(BODIES).required(),
  office: varchar.required(),
  round: integer.required(),
  candidate: varchar.required(),
  person_key: varchar.required(),
  votes: integer.required(),
  vote_share: double.nullable(),
  elected: boolean.required(),
  source_file: varchar.required(),
  source_row: integer.required(),
});

export const candidates = defineTable("candidates", {
  term: integer.required(),
  unit_id: varchar.required(),
  township: varchar.required(),
  unit: varchar.required(),
  body: oneOf(BODIES).nullable(),
  person_key: varchar.required(),
  name: varchar.required(),
  party_member: boolean.nullable(),
  status: oneOf(VETTING_STATUSES).required(),
  reason: varchar.nullable(),
  source_file: varchar.required(),
  source_row: integer.required(),
});

const finding = {
  source_file: varchar.required(),
  sheet: varchar.nullable(),
  source_row: integer.nullable(),
  column: varchar.nullable(),
  value: varchar.nullable(),
  rule: varchar.required(),
  message: varchar.required(),
};
export const rejects = defineTable("rejects", finding);
export const warnings = defineTable("warnings", finding);

export const structure = defineTable("structure", {
  term: integer.required(),
  scope: oneOf(SCOPES).required(),
  scope_id: varchar.required(),
  body: oneOf(BODIES_BOTH).required(),
  metric: varchar.required(),
  count: bigint.nullable(),
  base: bigint.nullable(),
  value: double.nullable(),
  prev_count: bigint.nullable(),
  prev_value: double.nullable(),
  delta: double.nullable(),
  change_pct: double.nullable(),
  count_change_pct: double.nullable(),
});

export const targets = defineTable("targets", {
  term: integer.required(),
  target_id: varchar.required(),
  label: varchar.required(),
  scope: oneOf(["county", "township"]).required(),
  scope_id: varchar.required(),
  units_met: bigint.required(),
  units_total: bigint.required(),
  rate: double.nullable(),
  goal: double.required(),
  met: boolean.nullable(),
});

export const targetUnits = defineTable("target_units", {
  term: integer.required(),
  target_id: varchar.required(),
  unit_id: varchar.required(),
  township: varchar.required(),
  unit: varchar.required(),
  actual: double.nullable(),
  met: boolean.required(),
  has_data: boolean.required(),
});

export const electionChecks = defineTable("election_checks", {
  term: integer.required(),
  unit_id: varchar.required(),
  township: varchar.required(),
  unit: varchar.required(),
  body: oneOf(BODIES).required(),
  office: varchar.required(),
  round: integer.required(),
  check: varchar.required(),
  status: oneOf(CHECK_STATUSES).required(),
  message: varchar.required(),
});

export const unitChecks = defineTable("unit_checks", {
  term: integer.required(),
  unit_id: varchar.required(),
  township: varchar.required(),
  unit: varchar.required(),
  check: varchar.required(),
  status: oneOf(CHECK_STATUSES).required(),
  message: varchar.required(),
});

export const progress = defineTable("progress", {
  term: integer.required(),
  body: oneOf(BODIES).required(),
  scope: oneOf(["county", "township"]).required(),
  scope_id: varchar.required(),
  day: date.required(),
  units_done: bigint.required(),
  units_total: bigint.required(),
  rate: double.nullable(),
  rank: integer.nullable(),
});

export const vetting = defineTable("vetting", {
  term: integer.required(),
  scope: oneOf(["county", "township"]).required(),
  scope_id: varchar.required(),
  body: oneOf(BODIES_BOTH).required(),
  registered: bigint.required(),
  party_members: bigint.required(),
  passed: bigint.required(),
  disqualified: bigint.required(),
  withdrawn: bigint.required(),
});

export const vettingReasons = defineTable("vetting_reasons", {
  term: integer.required(),
  scope: oneOf(["county", "township"]).required(),
  scope_id: varchar.required(),
  reason: varchar.required(),
  disqualified: bigint.required(),
});

/** Ingest tables, written at the top of OUT_DIR. */
export const INGEST_TABLES = [units, members, elections, ballots, candidates, rejects, warnings] as const;
/** Metric tables, written under OUT_DIR/metrics/. */
export const METRIC_TABLES = [
  structure,
  targets,
  targetUnits,
  electionChecks,
  unitChecks,
  progress,
  vetting,
  vettingReasons,
] as const;

export type UnitRow = Row<typeof units>;
export type MemberRow = Row<typeof members>;
export type ElectionRow = Row<typeof elections>;
export type BallotRow = Row<typeof ballots>;
export type CandidateRow = Row<typeof candidates>;
export type FindingRow = Row<typeof rejects>;
