/**
 * The Chinese summary paragraph of metrics.md ("Summary text"), generated
 * from the metric tables in the manner of the reference county report and
 * of published 换届 reports. Every number comes from `structure`,
 * `two_up_one_down`, `targets`, `leaders` and `election_summary`; a clause
 * whose figure is missing is left out, never filled in.
 */
import { type DuckDBConnection, queryRows } from "../warehouse/duckdb.ts";
import type { Level } from "../warehouse/tables.ts";
import { formatNumber, formatPct } from "./round.ts";

/** One structure figure as stored (unrounded). */
export interface Figure {
  count: number | null;
  base: number | null;
  value: number | null;
  prev_count: number | null;
  prev_value: number | null;
  delta: number | null;
}

export interface TargetFigure {
  target_id: string;
  label: string;
  applies_to: string;
  units_met: number;
  units_total: number;
  rate: number | null;
  prev_rate: number | null;
  goal: number;
  met: boolean | null;
}

export interface SummaryFigures {
  /** "村、社区", "村" or "社区", from the unit types of the units file. */
  units_label: string;
  /** The warehouse's own scope (a county's: county), party body, by metric name. */
  party: Record<string, Figure>;
  two_up_one_down: {
    college_up: boolean | null;
    women_up: boolean | null;
    age_down: boolean | null;
    verdict: boolean | null;
  } | null;
  /** County scope, in targets.yaml order. */
  targets: TargetFigure[];
  /** County scope, role secretary (leaders' profile), by metric name. */
  secretaries: Record<string, Figure>;
  /** County scope, by body (election summary); a body without elections is absent. */
  elections: Record<string, ElectionFigure>;
}

/** One body's election summary at county scope (unrounded). */
export interface ElectionFigure {
  units_elected: number;
  units_first_round: number;
  first_round_rate: number | null;
  turnout: number | null;
}

/** The content of `metrics/summary.json`. */
export interface Summary {
  dataset: string;
  /** The latest term with roster rows (else the latest term); null without terms. */
  term: number | null;
  prev_term: number | null;
  text: string;
  figures: SummaryFigures;
}

/**
 * How the paragraph names the jurisdiction above county level (全市…); a county's
 * paragraph, as the reference county report, names none.
 */
const JURISDICTION: Readonly<Record<Level, string>> = {
  county: "",
  city: "全市",
  province: "全省",
  nation: "全国",
};

const PARTY_METRICS = [
  "members",
  "secretaries",
  "deputy_secretaries",
  "college_plus",
  "women",
  "age_le_40",
  "avg_age",
] as const;

const SECRETARY_METRICS = ["members", "avg_age", "college_plus"] as const;

interface UnitWords {
  list: string;
  short: string;
  /** The committee body: 村民委员会, 居民委员会 or 村(居)民委员会. */
  committee: string;
}

function unitWords(types: Set<string>): UnitWords {
  if (types.has("village") && !types.has("community"))
    return { list: "村", short: "村", committee: "村民委员会" };
  if (types.has("community") && !types.has("village"))
    return { list: "社区", short: "社区", committee: "居民委员会" };
  return { list: "村、社区", short: "村社", committee: "村(居)民委员会" };
}

/** The figures of `metrics` among `rows` (one per metric), by name, without the metric column. */
function byMetric(rows: (Figure & { metric: string })[], metrics: readonly string[]): Record<string, Figure> {
  const out: Record<string, Figure> = {};
  for (const metric of metrics) {
    const row = rows.find((r) => r.metric === metric);
    if (row) {
      const { metric: _, ...figure } = row;
      out[metric] = figure;
    }
  }
  return out;
}

/**
 * ",比上届提高 X<unit>" / ",比上届降低 X<unit>" by the sign of `delta`;
 * ",与上届持平" for no change (or a change that rounds to 0); "" without a
 * previous figure.
 */
export function changeClause(delta: number | null, unit: string): string {
  if (delta === null || !Number.isFinite(delta)) return "";
  const size = formatNumber(Math.abs(delta));
  if (size === "0") return ",与上届持平";
  return `,比上届${delta > 0 ? "提高" : "降低"}${size}${unit}`;
}

/** "两升一降" verdict clause: achieved, not achieved, or nothing when unknown. */
function verdictClause(verdict: boolean | null | undefined): string {
  if (verdict === true) return ',实现"两升一降"';
  if (verdict === false) return ',未实现"两升一降"';
  return "";
}

/** Build the summary paragraph and its figures from the marts in `conn`. */
export async function buildSummary(conn: DuckDBConnection): Promise<Summary> {
  const [params] = await queryRows<{ dataset: string; level: Level }>(
    conn,
    "SELECT dataset, level FROM params LIMIT 1",
  );
  const dataset = params?.dataset ?? "";
  // The figures are the warehouse's own level's: its scope is named after the level.
  const level = params?.level ?? "county";
  const types = new Set(
    (await queryRows<{ unit_type: string }>(conn, "SELECT DISTINCT unit_type FROM units")).map(
      (r) => r.unit_type,
    ),
  );
  const words = unitWords(types);
  const [chosen] = await queryRows<{ term: number; prev_term: number | null }>(
    conn,
    `WITH terms AS (SELECT DISTINCT term FROM structure),
          filled AS (
            SELECT term FROM structure
            WHERE scope = $1 AND body = 'both' AND metric = 'members' AND base > 0)
     SELECT t.term, (SELECT max(p.term) FROM terms p WHERE p.term < t.term) AS prev_term
     FROM terms t
     ORDER BY t.term IN (SELECT term FROM filled) DESC, t.term DESC
     LIMIT 1`,
    [level],
  );
  const figures: SummaryFigures = {
    units_label: words.list,
    party: {},
    two_up_one_down: null,
    targets: [],
    secretaries: {},
    elections: {},
  };
  if (!chosen) return { dataset, term: null, prev_term: null, text: "", figures };
  const { term, prev_term } = chosen;

  const rows = await queryRows<Figure & { metric: string }>(
    conn,
    `SELECT metric, count, base, value, prev_count, prev_value, delta FROM structure
     WHERE term = $1 AND scope = $3 AND scope_id = $2 AND body = 'party'`,
    [term, dataset, level],
  );
  figures.party = byMetric(rows, PARTY_METRICS);
  const [verdict] = await queryRows<NonNullable<SummaryFigures["two_up_one_down"]>>(
    conn,
    `SELECT college_up, women_up, age_down, verdict FROM two_up_one_down
     WHERE term = $1 AND scope = $3 AND scope_id = $2 AND body = 'party'`,
    [term, dataset, level],
  );
  figures.two_up_one_down = verdict ?? null;
  figures.targets = await queryRows<TargetFigure>(
    conn,
    `SELECT t.target_id, t.label, r.applies_to, t.units_met, t.units_total, t.rate, p.rate AS prev_rate,
            t.goal, t.met
     FROM targets t
     JOIN target_rules r USING (target_id)
     LEFT JOIN targets p ON p.term = $3 AND p.target_id = t.target_id AND p.scope = t.scope
                        AND p.scope_id = t.scope_id
     WHERE t.term = $1 AND t.scope = $4 AND t.scope_id = $2
     ORDER BY r.ordinal`,
    [term, dataset, prev_term, level],
  );

  figures.secretaries = byMetric(
    await queryRows<Figure & { metric: string }>(
      conn,
      `SELECT metric, count, base, value, prev_count, prev_value, delta FROM leaders
       WHERE term = $1 AND scope = $3 AND scope_id = $2 AND role = 'secretary'`,
      [term, dataset, level],
    ),
    SECRETARY_METRICS,
  );
  for (const row of await queryRows<ElectionFigure & { body: string }>(
    conn,
    `SELECT body, units_elected, units_first_round, first_round_rate, turnout FROM election_summary
     WHERE term = $1 AND scope = $3 AND scope_id = $2 AND units_elected > 0 ORDER BY body DESC`,
    [term, dataset, level],
  )) {
    const { body, ...figure } = row;
    figures.elections[body] = figure;
  }

  // The reference report's sentences first, word for word; then the leaders and the elections.
  const sentences = [
    partySentence(figures, words.list),
    structureSentence(figures),
    targetSentence(figures, words.short),
    secretarySentence(figures, words.list),
    electionSentence(figures, words),
  ];
  const text = sentences.filter(Boolean).join("");
  return { dataset, term, prev_term, text: text && `${JURISDICTION[level]}${text}`, figures };
}

function partySentence(f: SummaryFigures, unitsLabel: string): string {
  const members = f.party.members;
  if (!members?.base) return "";
  let s = `共选举产生${unitsLabel}党组织委员${members.count}名`;
  const sec = f.party.secretaries;
  const dep = f.party.deputy_secretaries;
  const parts = [sec ? `书记${sec.count}名` : "", dep ? `副书记${dep.count}名` : ""].filter(Boolean);
  if (parts.length) s += `,其中${parts.join("、")}`;
  return `${s}。`;
}

function shareClause(fig: Figure | undefined, label: string, withChange: boolean): string {
  if (!fig || fig.value === null || fig.count === null) return "";
  const change = withChange && fig.prev_value !== null ? changeClause(fig.delta, "个百分点") : "";
  return `${label}${fig.count}人、占${formatPct(fig.value)}${change}`;
}

function structureSentence(f: SummaryFigures): string {
  const p = f.party;
  const age = p.avg_age;
  const ageClause =
    age && age.value !== null
      ? `平均年龄${formatNumber(age.value)}岁${age.prev_value !== null ? changeClause(age.delta, "岁") : ""}`
      : "";
  const clauses = [
    shareClause(p.college_plus, "大学专科及以上学历的", true),
    shareClause(p.women, "女性", true),
    // The reference report states the young share without a comparison.
    shareClause(p.age_le_40, "40岁以下", false),
    ageClause,
  ].filter(Boolean);
  return clauses.length ? `${clauses.join(";")}${verdictClause(f.two_up_one_down?.verdict)}。` : "";
}

function targetSentence(f: SummaryFigures, unitsShort: string): string {
  const clauses = f.targets
    .filter((t) => t.rate !== null)
    .map((t) => {
      const where = t.applies_to === "village" ? "村" : t.applies_to === "community" ? "社区" : unitsShort;
      const change = t.prev_rate !== null ? changeClause((t.rate as number) - t.prev_rate, "个百分点") : "";
      const goal = t.met ? `,达到${formatPct(t.goal)}的目标` : `,未达到${formatPct(t.goal)}的目标`;
      return `${t.label}的${where}占${formatPct(t.rate as number)}${change}${goal}`;
    });
  return clauses.length ? `${clauses.join(";")}。` : "";
}

/** "…党组织书记N名,平均年龄X岁,比上届…;大专以上学历的N人、占X%,比上届…。" (leaders' profile). */
function secretarySentence(f: SummaryFigures, unitsLabel: string): string {
  const s = f.secretaries;
  if (!s.members?.base) return "";
  const age = s.avg_age;
  const clauses = [
    age && age.value !== null
      ? `平均年龄${formatNumber(age.value)}岁${age.prev_value !== null ? changeClause(age.delta, "岁") : ""}`
      : "",
    shareClause(s.college_plus, "大专以上学历的", true),
  ].filter(Boolean);
  return `${unitsLabel}党组织书记${s.members.count}名${clauses.length ? `,${clauses.join(";")}` : ""}。`;
}

/** "…党组织换届一次选举成功率X%,参选率Y%;村(居)民委员会…。" (election summary, bodies with elections). */
function electionSentence(f: SummaryFigures, words: UnitWords): string {
  const labels: Record<string, [string, string]> = {
    party: [`${words.list}党组织换届`, "党员参选率"],
    committee: [`${words.committee}换届`, "选民参选率"],
  };
  const clauses = ["party", "committee"].flatMap((body) => {
    const e = f.elections[body];
    const [label, turnoutLabel] = labels[body] as [string, string];
    if (!e) return [];
    const parts = [
      e.first_round_rate !== null ? `一次选举成功率${formatPct(e.first_round_rate)}` : "",
      e.turnout !== null ? `${turnoutLabel}${formatPct(e.turnout)}` : "",
    ].filter(Boolean);
    return parts.length ? [`${label}${parts.join(",")}`] : [];
  });
  return clauses.length ? `${clauses.join(";")}。` : "";
}
