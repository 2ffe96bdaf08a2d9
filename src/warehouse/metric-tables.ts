/**
 * Table definitions added by the metrics step (issue 4) on top of
 * `src/warehouse.ts`: the runtime inputs the metric SQL reads (`params`,
 * `terms`, `target_rules`), the extra marts (`two_up_one_down`,
 * `one_shoulder`) and the grain of every metric table. Kept apart so that
 * `src/warehouse.ts` stays the lead's; to be merged there later.
 */
import { bigint, boolean, date, defineTable, double, integer, oneOf, type Row, varchar } from "./column.ts";
import {
  BODIES,
  BODIES_BOTH,
  EDUCATION_LEVELS,
  electionChecks,
  METRIC_TABLES,
  POSITIONS,
  progress,
  SCOPES,
  structure,
  targets,
  targetUnits,
  unitChecks,
  vetting,
  vettingReasons,
} from "./tables.ts";

export const APPLIES_TO = ["village", "community", "all"] as const;
export const TARGET_RULE_KINDS = ["count", "one_shoulder"] as const;

/** Runtime input: one row, filled by the caller with bound values. `dataset` is the county scope_id. */
export const params = defineTable("params", {
  dataset: varchar.required(),
  as_of: date.nullable(),
});

/** Runtime input: one row per manifest term, including terms without roster rows. */
export const terms = defineTable("terms", {
  term: integer.required(),
  reference_date: date.required(),
});

/**
 * Runtime input: one row per target of targets.yaml, in file order
 * (`ordinal`, from 1). Count conditions that are not given are NULL;
 * `positions` is the list of accepted positions joined with `,` (position
 * codes never contain a comma). `rule` is `count` (body, conditions and
 * `at_least` apply) or `one_shoulder` (they are NULL).
 */
export const targetRules = defineTable("target_rules", {
  ordinal: integer.required(),
  target_id: varchar.required(),
  label: varchar.required(),
  rule: oneOf(TARGET_RULE_KINDS).required(),
  body: oneOf(BODIES_BOTH).nullable(),
  gender: oneOf(["F", "M"]).nullable(),
  age_max: integer.nullable(),
  age_min: integer.nullable(),
  education_min: oneOf(EDUCATION_LEVELS).nullable(),
  party_member: boolean.nullable(),
  minority: boolean.nullable(),
  positions: varchar.nullable(),
  at_least: integer.nullable(),
  goal: double.required(),
  applies_to: oneOf(APPLIES_TO).required(),
});

/**
 * "两升一降" per term that has a previous term, scope county/township, body
 * party/both. A leg is NULL when either term's value is missing; `verdict` is
 * the SQL AND of the three legs (true only when all three hold, false when
 * one fails, else NULL).
 */
export const twoUpOneDown = defineTable("two_up_one_down", {
  term: integer.required(),
  prev_term: integer.required(),
  scope: oneOf(["county", "township"]).required(),
  scope_id: varchar.required(),
  body: oneOf(["party", "both"]).required(),
  college_up: boolean.nullable(),
  women_up: boolean.nullable(),
  age_down: boolean.nullable(),
  verdict: boolean.nullable(),
});

/**
 * One-shoulder (一肩挑) units per term and scope (county, township, unit:
 * scope_id = unit_id). `units_total` counts every unit of the scope in the
 * units file (the official denominator); `units_with_data` those with roster
 * rows for both bodies in the term (only they can be one-shoulder);
 * `rate` = units_one_shoulder / units_total × 100.
 */
export const oneShoulder = defineTable("one_shoulder", {
  term: integer.required(),
  scope: oneOf(SCOPES).required(),
  scope_id: varchar.required(),
  units_total: bigint.required(),
  units_with_data: bigint.required(),
  units_one_shoulder: bigint.required(),
  rate: double.nullable(),
});

/**
 * How many persons of each share's base have the attribute behind it unknown
 * (they count as not matching), for the data-quality page. County and
 * township scope.
 */
export const unknowns = defineTable("unknowns", {
  term: integer.required(),
  scope: oneOf(["county", "township"]).required(),
  scope_id: varchar.required(),
  body: oneOf(BODIES_BOTH).required(),
  metric: varchar.required(),
  unknown: bigint.required(),
  base: bigint.required(),
});

export const LEADER_ROLES = ["secretary", "chair", "one_shoulder"] as const;
export const LEADER_METRICS = [
  "members",
  "avg_age",
  "age_le_35",
  "age_le_40",
  "college_plus",
  "high_school_plus",
  "women",
  "minority",
  "party_members",
  "reelected",
] as const;

/**
 * The leaders' profile (头雁, metrics.md): per term, scope and role the
 * persons holding it (`members`) and their attributes as structure metrics
 * (`party_members` for chairs only), with the previous term's count and
 * value and the delta. `count` is NULL for `reelected` in a term without a
 * previous term; shares and `avg_age` are NULL when base is 0.
 */
export const leaders = defineTable("leaders", {
  term: integer.required(),
  scope: oneOf(SCOPES).required(),
  scope_id: varchar.required(),
  role: oneOf(LEADER_ROLES).required(),
  metric: oneOf(LEADER_METRICS).required(),
  count: bigint.nullable(),
  base: bigint.required(),
  value: double.nullable(),
  prev_count: bigint.nullable(),
  prev_value: double.nullable(),
  delta: double.nullable(),
});

/**
 * The election summary (metrics.md): per term, scope above unit and body,
 * units elected and elected in the first round, entitled and cast summed over
 * units (one round-1 election per unit and body), round-1 elections and the
 * competitive ones. Rates are NULL where their denominator is 0.
 */
export const electionSummary = defineTable("election_summary", {
  term: integer.required(),
  scope: oneOf(["county", "township"]).required(),
  scope_id: varchar.required(),
  body: oneOf(BODIES).required(),
  units_elected: bigint.required(),
  units_first_round: bigint.required(),
  first_round_rate: double.nullable(),
  entitled: bigint.required(),
  cast: bigint.required(),
  turnout: double.nullable(),
  elections: bigint.required(),
  competitive: bigint.required(),
  competitive_rate: double.nullable(),
});

/**
 * Persons by age band and by education level, each split by gender (men,
 * women, gender unknown), counted as `structure` counts persons: the age
 * pyramid and education ladder of the structure page. County and township
 * scope; `dimension` names what `category` is: an age band (`le30`,
 * `31-35` … `56-60`, `gt60`, `unknown`) or an education level (or
 * `unknown`). Only categories with persons have a row.
 */
export const structurePeople = defineTable("structure_people", {
  term: integer.required(),
  body: oneOf(BODIES_BOTH).required(),
  scope: oneOf(["county", "township"]).required(),
  scope_id: varchar.required(),
  dimension: oneOf(["age_band", "education"]).required(),
  category: varchar.required(),
  men: integer.required(),
  women: integer.required(),
  unknown_gender: integer.required(),
});

/** Marts added by this step, written like the warehouse's metric tables. */
export const EXTRA_METRIC_TABLES = [
  twoUpOneDown,
  oneShoulder,
  unknowns,
  leaders,
  electionSummary,
  structurePeople,
] as const;

/** Every metric table written to `metrics/`, in writing order. */
export const ALL_METRIC_TABLES = [...METRIC_TABLES, ...EXTRA_METRIC_TABLES] as const;

/**
 * The grain (unique key) of every metric table: the contract tests check it
 * and the Parquet files are sorted by it.
 */
export const GRAINS: Readonly<Record<string, readonly string[]>> = {
  [structure.name]: ["term", "scope", "scope_id", "body", "metric"],
  [targets.name]: ["term", "target_id", "scope", "scope_id"],
  [targetUnits.name]: ["term", "target_id", "unit_id"],
  [electionChecks.name]: ["term", "unit_id", "body", "office", "round", "check"],
  [unitChecks.name]: ["term", "unit_id", "check"],
  [progress.name]: ["term", "body", "scope", "scope_id", "day"],
  [vetting.name]: ["term", "scope", "scope_id", "body"],
  [vettingReasons.name]: ["term", "scope", "scope_id", "reason"],
  [twoUpOneDown.name]: ["term", "scope", "scope_id", "body"],
  [oneShoulder.name]: ["term", "scope", "scope_id"],
  [unknowns.name]: ["term", "scope", "scope_id", "body", "metric"],
  [leaders.name]: ["term", "scope", "scope_id", "role", "metric"],
  [electionSummary.name]: ["term", "scope", "scope_id", "body"],
  [structurePeople.name]: ["term", "body", "scope", "scope_id", "dimension", "category"],
};

/** Positions that exist in each body (targets may only ask for these). */
export const BODY_POSITIONS: Readonly<Record<(typeof BODIES_BOTH)[number], readonly string[]>> = {
  party: ["secretary", "deputy_secretary", "member"],
  committee: ["chair", "vice_chair", "member"],
  both: POSITIONS,
};

export type TargetRuleRow = Row<typeof targetRules>;
export type TwoUpOneDownRow = Row<typeof twoUpOneDown>;
export type OneShoulderRow = Row<typeof oneShoulder>;
export type LeaderRow = Row<typeof leaders>;
export type ElectionSummaryRow = Row<typeof electionSummary>;
