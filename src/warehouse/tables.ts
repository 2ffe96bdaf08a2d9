/**
 * Every table, defined once: the ingest tables and metric tables of
 * docs/tables.md and the runtime inputs the metric SQL reads (`params`,
 * `terms`, `target_rules`). Each states its columns (in the column order
 * written to Parquet), its grain (unique key), its sort order when that is not
 * the grain, and the references its columns make to other tables; the build's
 * writers, the contract tests and docs/tables.md follow from here. Names and
 * meanings are public interface: add columns only at the end, never rename.
 */
import {
  type AnyTableDef,
  bigint,
  boolean,
  date,
  defineTable,
  double,
  integer,
  oneOf,
  type Row,
  type TargetBy,
  varchar,
} from "./column.ts";

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
/** The levels a dataset or warehouse can be at, top down (docs/levels.md). */
export const LEVELS = ["nation", "province", "city", "county"] as const;
/** Every scope of the metric tables, top down: the levels, then township and unit. */
export const SCOPES = [...LEVELS, "township", "unit"] as const;
/** The scopes above unit (metric tables without unit rows). */
export const AREA_SCOPES = [...LEVELS, "township"] as const;
export const CHECK_STATUSES = ["passed", "failed", "not_applicable"] as const;
export const VETTING_STATUSES = ["passed", "disqualified", "withdrawn"] as const;

export const APPLIES_TO = ["village", "community", "all"] as const;
export const TARGET_RULE_KINDS = ["count", "one_shoulder"] as const;

export type Body = (typeof BODIES)[number];
export type Position = (typeof POSITIONS)[number];
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export type UnitType = (typeof UNIT_TYPES)[number];
export type Level = (typeof LEVELS)[number];
export type Scope = (typeof SCOPES)[number];

/**
 * `scope_id` by `scope`: the dataset name (the dataset's own level) or a
 * jurisdiction's name in `unit_levels` (a level below it), a township of the
 * units file, a unit_id.
 */
const SCOPE_ID: TargetBy<"scope"> = {
  by: "scope",
  to: {
    nation: "params.dataset",
    province: ["params.dataset", "unit_levels.province"],
    city: ["params.dataset", "unit_levels.city"],
    county: ["params.dataset", "unit_levels.county"],
    township: "units.township",
    unit: "units.unit_id",
  },
};
/** A unit as the units file names it (checked together: the three values of one unit). */
const UNIT = { unit_id: "units.unit_id", township: "units.township", unit: "units.unit" } as const;
/** A manifest term. */
const TERM = { term: "terms.term" } as const;
/** The references of a metric table by scope: its term and its scope_id. */
const BY_SCOPE = { ...TERM, scope_id: SCOPE_ID } as const;

// Column groups several tables share, each declared once (spread in column order) --

/** The term a row is about. */
const termColumn = { term: integer.required() };
/** A unit as the units file names it. */
const unitColumns = { unit_id: varchar.required(), township: varchar.required(), unit: varchar.required() };
/** A unit of a term. */
const termUnitColumns = { ...termColumn, ...unitColumns };
/** One round of an election of a unit's body. */
const roundColumns = {
  body: oneOf(BODIES).required(),
  office: varchar.required(),
  round: integer.required(),
};
/** The row of an input file a row comes from. */
const sourceColumns = { source_file: varchar.required(), source_row: integer.required() };
/** The scope of a metric row, one of `scopes`, and its scope_id (a jurisdiction, township or unit). */
function scopeColumns<const V extends readonly [string, ...string[]]>(scopes: V) {
  return { scope: oneOf(scopes).required(), scope_id: varchar.required() };
}
/** A share with the previous term's count and value and the change between them. */
const changeColumns = {
  value: double.nullable(),
  prev_count: bigint.nullable(),
  prev_value: double.nullable(),
  delta: double.nullable(),
};

// Runtime inputs of the metric SQL (not written to the warehouse) ------------

/**
 * One row, filled by the caller with bound values. `dataset` is the scope_id
 * of the warehouse's own level, `level` that level.
 */
export const params = defineTable(
  "params",
  {
    dataset: varchar.required(),
    as_of: date.nullable(),
    level: oneOf(LEVELS).required(),
  },
  { grain: [] },
);

/** One row per manifest term, including terms without roster rows. */
export const terms = defineTable(
  "terms",
  {
    ...termColumn,
    reference_date: date.required(),
  },
  { grain: ["term"] },
);

/**
 * One row per target of targets.yaml, in file order (`ordinal`, from 1).
 * Count conditions that are not given are NULL; `positions` is the list of
 * accepted positions joined with `,` (position codes never contain a comma).
 * `rule` is `count` (body, conditions and `at_least` apply) or `one_shoulder`
 * (they are NULL).
 */
export const targetRules = defineTable(
  "target_rules",
  {
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
  },
  { grain: ["target_id"] },
);

// Ingest tables (top of OUT_DIR) ----------------------------------------------

export const units = defineTable(
  "units",
  {
    unit_id: varchar.required(),
    unit_code: varchar.nullable(),
    township: varchar.required(),
    unit: varchar.required(),
    unit_type: oneOf(UNIT_TYPES).required(),
    key_unit: boolean.required(),
  },
  { grain: ["unit_id"] },
);

/**
 * Above county level, one row per unit: the name of each jurisdiction the unit
 * belongs to at the levels strictly below the warehouse's level and above the
 * township (NULL at and above the warehouse's level). Written only by
 * warehouses above county level; at runtime the metric SQL always finds it
 * (empty for a county).
 */
export const unitLevels = defineTable(
  "unit_levels",
  {
    unit_id: varchar.required(),
    county: varchar.nullable(),
    city: varchar.nullable(),
    province: varchar.nullable(),
  },
  { grain: ["unit_id"], references: { unit_id: "units.unit_id" } },
);

export const members = defineTable(
  "members",
  {
    ...termUnitColumns,
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
    ...sourceColumns,
  },
  {
    grain: ["term", "unit_id", "body", "person_key"],
    order: ["term", "unit_id", "body", "position", "person_key", "source_file", "source_row"],
    references: { ...TERM, ...UNIT },
  },
);

export const elections = defineTable(
  "elections",
  {
    ...termUnitColumns,
    ...roundColumns,
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
  },
  { grain: ["term", "unit_id", "body", "office", "round"], references: { ...TERM, ...UNIT } },
);

export const ballots = defineTable(
  "ballots",
  {
    ...termColumn,
    unit_id: varchar.required(),
    ...roundColumns,
    candidate: varchar.required(),
    person_key: varchar.required(),
    votes: integer.required(),
    vote_share: double.nullable(),
    elected: boolean.required(),
    ...sourceColumns,
  },
  {
    grain: ["term", "unit_id", "body", "office", "round", "person_key"],
    order: [
      "term",
      "unit_id",
      "body",
      "office",
      "round",
      "candidate",
      "person_key",
      "source_file",
      "source_row",
    ],
    references: {
      term: "elections.term",
      unit_id: "elections.unit_id",
      body: "elections.body",
      office: "elections.office",
      round: "elections.round",
    },
  },
);

export const candidates = defineTable(
  "candidates",
  {
    ...termUnitColumns,
    body: oneOf(BODIES).nullable(),
    person_key: varchar.required(),
    name: varchar.required(),
    party_member: boolean.nullable(),
    status: oneOf(VETTING_STATUSES).required(),
    reason: varchar.nullable(),
    ...sourceColumns,
  },
  {
    grain: ["term", "unit_id", "body", "person_key"],
    order: ["term", "unit_id", "body", "person_key", "source_file", "source_row"],
    references: { ...TERM, ...UNIT },
  },
);

const finding = {
  source_file: varchar.required(),
  sheet: varchar.nullable(),
  source_row: integer.nullable(),
  column: varchar.nullable(),
  value: varchar.nullable(),
  rule: varchar.required(),
  message: varchar.required(),
};
/** Findings have no key: the same finding may be made twice. */
const findingOptions = {
  grain: [],
  order: ["source_file", "sheet", "source_row", "column", "rule", "value", "message"],
} as const;
export const rejects = defineTable("rejects", finding, findingOptions);
export const warnings = defineTable("warnings", finding, findingOptions);

/**
 * Rejects and warnings of a warehouse written by `huanjie combine`: every input's, with the dataset
 * whose files they are about (`source_dataset`, the input's name, or the name an input that was
 * itself combined carries), sorted by it first. Same files as `rejects` and `warnings`.
 */
const combinedFinding = { ...finding, source_dataset: varchar.required() };
const combinedFindingOptions = { grain: [], order: ["source_dataset", ...findingOptions.order] } as const;
export const combinedRejects = defineTable("rejects", combinedFinding, combinedFindingOptions);
export const combinedWarnings = defineTable("warnings", combinedFinding, combinedFindingOptions);

// Metric tables (OUT_DIR/metrics/) --------------------------------------------

export const structure = defineTable(
  "structure",
  {
    ...termColumn,
    ...scopeColumns(SCOPES),
    body: oneOf(BODIES_BOTH).required(),
    metric: varchar.required(),
    count: bigint.nullable(),
    base: bigint.nullable(),
    ...changeColumns,
    change_pct: double.nullable(),
    count_change_pct: double.nullable(),
  },
  { grain: ["term", "scope", "scope_id", "body", "metric"], references: BY_SCOPE },
);

export const targets = defineTable(
  "targets",
  {
    ...termColumn,
    target_id: varchar.required(),
    label: varchar.required(),
    ...scopeColumns(AREA_SCOPES),
    units_met: bigint.required(),
    units_total: bigint.required(),
    rate: double.nullable(),
    goal: double.required(),
    met: boolean.nullable(),
  },
  {
    grain: ["term", "target_id", "scope", "scope_id"],
    references: { ...TERM, target_id: "target_rules.target_id", scope_id: SCOPE_ID },
  },
);

export const targetUnits = defineTable(
  "target_units",
  {
    ...termColumn,
    target_id: varchar.required(),
    ...unitColumns,
    actual: double.nullable(),
    met: boolean.required(),
    has_data: boolean.required(),
  },
  {
    grain: ["term", "target_id", "unit_id"],
    references: { ...TERM, target_id: "target_rules.target_id", ...UNIT },
  },
);

export const electionChecks = defineTable(
  "election_checks",
  {
    ...termUnitColumns,
    ...roundColumns,
    check: varchar.required(),
    status: oneOf(CHECK_STATUSES).required(),
    message: varchar.required(),
  },
  {
    grain: ["term", "unit_id", "body", "office", "round", "check"],
    references: {
      term: "elections.term",
      unit_id: ["elections.unit_id", "units.unit_id"],
      township: "units.township",
      unit: "units.unit",
      body: "elections.body",
      office: "elections.office",
      round: "elections.round",
    },
  },
);

export const unitChecks = defineTable(
  "unit_checks",
  {
    ...termUnitColumns,
    check: varchar.required(),
    status: oneOf(CHECK_STATUSES).required(),
    message: varchar.required(),
  },
  { grain: ["term", "unit_id", "check"], references: { ...TERM, ...UNIT } },
);

export const progress = defineTable(
  "progress",
  {
    ...termColumn,
    body: oneOf(BODIES).required(),
    ...scopeColumns(AREA_SCOPES),
    day: date.required(),
    units_done: bigint.required(),
    units_total: bigint.required(),
    rate: double.nullable(),
    rank: integer.nullable(),
  },
  { grain: ["term", "body", "scope", "scope_id", "day"], references: BY_SCOPE },
);

export const vetting = defineTable(
  "vetting",
  {
    ...termColumn,
    ...scopeColumns(AREA_SCOPES),
    body: oneOf(BODIES_BOTH).required(),
    registered: bigint.required(),
    party_members: bigint.required(),
    passed: bigint.required(),
    disqualified: bigint.required(),
    withdrawn: bigint.required(),
  },
  { grain: ["term", "scope", "scope_id", "body"], references: BY_SCOPE },
);

export const vettingReasons = defineTable(
  "vetting_reasons",
  {
    ...termColumn,
    ...scopeColumns(AREA_SCOPES),
    reason: varchar.required(),
    disqualified: bigint.required(),
  },
  { grain: ["term", "scope", "scope_id", "reason"], references: BY_SCOPE },
);

/**
 * "两升一降" per term that has a previous term, scope county/township, body
 * party/both. A leg is NULL when either term's value is missing; `verdict` is
 * the SQL AND of the three legs (true only when all three hold, false when
 * one fails, else NULL).
 */
export const twoUpOneDown = defineTable(
  "two_up_one_down",
  {
    ...termColumn,
    prev_term: integer.required(),
    ...scopeColumns(AREA_SCOPES),
    body: oneOf(["party", "both"]).required(),
    college_up: boolean.nullable(),
    women_up: boolean.nullable(),
    age_down: boolean.nullable(),
    verdict: boolean.nullable(),
  },
  { grain: ["term", "scope", "scope_id", "body"], references: BY_SCOPE },
);

/**
 * One-shoulder (一肩挑) units per term and scope (county, township, unit:
 * scope_id = unit_id). `units_total` counts every unit of the scope in the
 * units file (the official denominator); `units_with_data` those with roster
 * rows for both bodies in the term (only they can be one-shoulder);
 * `rate` = units_one_shoulder / units_total × 100.
 */
export const oneShoulder = defineTable(
  "one_shoulder",
  {
    ...termColumn,
    ...scopeColumns(SCOPES),
    units_total: bigint.required(),
    units_with_data: bigint.required(),
    units_one_shoulder: bigint.required(),
    rate: double.nullable(),
  },
  { grain: ["term", "scope", "scope_id"], references: BY_SCOPE },
);

/**
 * How many persons of each share's base have the attribute behind it unknown
 * (they count as not matching), for the data-quality page. County and
 * township scope.
 */
export const unknowns = defineTable(
  "unknowns",
  {
    ...termColumn,
    ...scopeColumns(AREA_SCOPES),
    body: oneOf(BODIES_BOTH).required(),
    metric: varchar.required(),
    unknown: bigint.required(),
    base: bigint.required(),
  },
  { grain: ["term", "scope", "scope_id", "body", "metric"], references: BY_SCOPE },
);

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
export const leaders = defineTable(
  "leaders",
  {
    ...termColumn,
    ...scopeColumns(SCOPES),
    role: oneOf(LEADER_ROLES).required(),
    metric: oneOf(LEADER_METRICS).required(),
    count: bigint.nullable(),
    base: bigint.required(),
    ...changeColumns,
  },
  { grain: ["term", "scope", "scope_id", "role", "metric"], references: BY_SCOPE },
);

/**
 * The election summary (metrics.md): per term, scope above unit and body,
 * units elected and elected in the first round, entitled and cast summed over
 * units (one round-1 election per unit and body), round-1 elections and the
 * competitive ones. Rates are NULL where their denominator is 0.
 */
export const electionSummary = defineTable(
  "election_summary",
  {
    ...termColumn,
    ...scopeColumns(AREA_SCOPES),
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
  },
  { grain: ["term", "scope", "scope_id", "body"], references: BY_SCOPE },
);

/**
 * Persons by age band and by education level, each split by gender (men,
 * women, gender unknown), counted as `structure` counts persons: the age
 * pyramid and education ladder of the structure page. County and township
 * scope; `dimension` names what `category` is: an age band (`le30`,
 * `31-35` … `56-60`, `gt60`, `unknown`) or an education level (or
 * `unknown`). Only categories with persons have a row.
 */
export const structurePeople = defineTable(
  "structure_people",
  {
    ...termColumn,
    body: oneOf(BODIES_BOTH).required(),
    ...scopeColumns(AREA_SCOPES),
    dimension: oneOf(["age_band", "education"]).required(),
    category: varchar.required(),
    men: integer.required(),
    women: integer.required(),
    unknown_gender: integer.required(),
  },
  {
    grain: ["term", "body", "scope", "scope_id", "dimension", "category"],
    references: BY_SCOPE,
  },
);

/** The runtime inputs the metric SQL reads besides the ingest tables. */
export const RUNTIME_TABLES = [params, terms, targetRules] as const;
/**
 * Runtime inputs written at the top of every warehouse after the ingest tables (`terms.parquet`,
 * `target_rules.parquet`), so that `huanjie combine` computes the metrics again without raw inputs.
 */
export const WRITTEN_RUNTIME_TABLES = [terms, targetRules] as const;
/** Ingest tables, written at the top of OUT_DIR. */
export const INGEST_TABLES = [units, members, elections, ballots, candidates, rejects, warnings] as const;
/** The ingest tables a warehouse at `level` writes: above county, `unit_levels` after `units`. */
export function ingestTablesFor(level: Level): readonly AnyTableDef[] {
  return level === "county" ? INGEST_TABLES : [units, unitLevels, ...INGEST_TABLES.slice(1)];
}
/** Metric tables, written under OUT_DIR/metrics/ in this order (the order of manifest.json). */
export const METRIC_TABLES = [
  structure,
  targets,
  targetUnits,
  electionChecks,
  unitChecks,
  progress,
  vetting,
  vettingReasons,
  twoUpOneDown,
  oneShoulder,
  unknowns,
  leaders,
  electionSummary,
  structurePeople,
] as const;

/** Positions that exist in each body (targets may only ask for these). */
export const BODY_POSITIONS: Readonly<Record<(typeof BODIES_BOTH)[number], readonly string[]>> = {
  party: ["secretary", "deputy_secretary", "member"],
  committee: ["chair", "vice_chair", "member"],
  both: POSITIONS,
};

export type UnitRow = Row<typeof units>;
export type UnitLevelRow = Row<typeof unitLevels>;
export type MemberRow = Row<typeof members>;
export type ElectionRow = Row<typeof elections>;
export type BallotRow = Row<typeof ballots>;
export type CandidateRow = Row<typeof candidates>;
export type FindingRow = Row<typeof rejects>;
export type TargetRuleRow = Row<typeof targetRules>;
export type TwoUpOneDownRow = Row<typeof twoUpOneDown>;
export type OneShoulderRow = Row<typeof oneShoulder>;
export type LeaderRow = Row<typeof leaders>;
export type ElectionSummaryRow = Row<typeof electionSummary>;
