/**
 * targets.yaml: the grammar of metrics.md ("Targets"), parsed strictly. A
 * file that breaks it is an {@link InputError} (exit status 2) whose Chinese
 * message names the target (its position and, where readable, its id) and the
 * key at fault.
 */
import { z } from "zod";
import { InputError } from "../error.ts";
import {
  APPLIES_TO,
  BODIES_BOTH,
  BODY_POSITIONS,
  EDUCATION_LEVELS,
  type EducationLevel,
  POSITIONS,
  type Position,
  type TargetRuleRow,
} from "../warehouse/tables.ts";
import { parseYamlFile, valueAt } from "./yaml.ts";

/** Conditions a member must all meet to be counted; absent = no condition. */
export interface CountConditions {
  gender?: "F" | "M";
  /** age ≤ age_max (an unknown age does not match). */
  age_max?: number;
  /** age ≥ age_min. */
  age_min?: number;
  /** education at or above this level (senior = vocational). */
  education_min?: EducationLevel;
  party_member?: boolean;
  /** true: ethnicity known and not 汉族; false: known 汉族. */
  minority?: boolean;
  /** holds one of these positions in the target's body. */
  position?: Position[];
}

interface TargetBase {
  id: string;
  label: string;
  /** % of units that must meet the rule. */
  goal: number;
  applies_to: (typeof APPLIES_TO)[number];
}

/** A parsed target: a count rule over a body's members, or the one-shoulder rule. */
export type TargetRule =
  | (TargetBase & {
      rule: "count";
      body: (typeof BODIES_BOTH)[number];
      count: CountConditions;
      at_least: number;
    })
  | (TargetBase & { rule: "one_shoulder" });

const age = z.number().int().min(0).max(150);

const countSchema = z.strictObject({
  gender: z.enum(["F", "M"]).optional(),
  age_max: age.optional(),
  age_min: age.optional(),
  education_min: z.enum(EDUCATION_LEVELS).optional(),
  party_member: z.boolean().optional(),
  minority: z.boolean().optional(),
  position: z.union([z.enum(POSITIONS), z.array(z.enum(POSITIONS)).min(1)]).optional(),
});

const targetSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9_]+$/),
    label: z.string().trim().min(1),
    body: z.enum(BODIES_BOTH).optional(),
    count: countSchema.optional(),
    at_least: z.number().int().min(1).optional(),
    goal: z.number().min(0).max(100),
    rule: z.literal("one_shoulder").optional(),
    applies_to: z.enum(APPLIES_TO).optional(),
  })
  .superRefine((t, ctx) => {
    const fail = (path: string[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (t.rule === "one_shoulder") {
      for (const key of ["body", "count", "at_least"] as const) {
        if (t[key] !== undefined) fail([key], "不适用于 rule: one_shoulder");
      }
      return;
    }
    for (const key of ["body", "count", "at_least"] as const) {
      if (t[key] === undefined) fail([key], "缺少必填项");
    }
    const c = t.count;
    if (c?.age_min !== undefined && c.age_max !== undefined && c.age_min > c.age_max) {
      fail(["count", "age_min"], `大于 age_max (${c.age_min} > ${c.age_max})`);
    }
    if (t.body && c?.position !== undefined) {
      const allowed = BODY_POSITIONS[t.body];
      for (const p of [c.position].flat()) {
        if (!allowed.includes(p)) fail(["count", "position"], `职务 ${p} 不存在于 ${t.body} 班子`);
      }
    }
  });

const fileSchema = z.strictObject({ targets: z.array(z.unknown()) });

const TYPE_NAMES: Record<string, string> = {
  number: "数字",
  string: "文字",
  boolean: "布尔值 (true / false)",
  array: "列表",
  object: "键值映射",
};

function describeValue(value: unknown): string {
  return value === undefined ? "缺失" : JSON.stringify(value);
}

function issueReason(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      return input === undefined
        ? "缺少必填项"
        : `类型错误:应为${TYPE_NAMES[issue.expected] ?? issue.expected},实际为 ${describeValue(input)}`;
    case "invalid_value":
      return `取值无效:应为 ${issue.values.map(String).join(" / ")} 之一,实际为 ${describeValue(input)}`;
    case "invalid_format":
      return `格式无效:应为小写字母、数字或下划线 ([a-z0-9_]+),实际为 ${describeValue(input)}`;
    case "too_small":
    case "too_big":
    case "not_multiple_of":
      return `取值超出范围:${describeValue(input)}`;
    case "invalid_union":
      return `取值无效:应为职务代码 (${POSITIONS.join(" / ")}) 或其列表,实际为 ${describeValue(input)}`;
    case "custom":
      return issue.message;
    default:
      return `取值无效:${describeValue(input)}`;
  }
}

function targetName(raw: unknown, index: number): string {
  const id = valueAt(raw, ["id"]);
  return typeof id === "string" ? `第 ${index + 1} 个目标 (${id})` : `第 ${index + 1} 个目标`;
}

/**
 * Parse targets.yaml (`text`; `file` is its name relative to the dataset, used
 * in messages). Returns the targets in file order with defaults applied
 * (`applies_to: all`; `position` always a list).
 * @throws {InputError} on YAML syntax errors, unknown keys, missing or bad
 *   values and duplicate ids; the message names the target and the key.
 */
export function parseTargets(text: string, file: string): TargetRule[] {
  const doc = parseYamlFile(text, file);
  const top = fileSchema.safeParse(doc);
  if (!top.success) {
    const issue = top.error.issues[0];
    if (issue?.code === "unrecognized_keys") {
      throw new InputError(file, `含未知的键 ${issue.keys.join("、")}(只允许 targets)`);
    }
    throw new InputError(file, "应为 targets: [...] 的目标列表");
  }
  const rules: TargetRule[] = [];
  const seen = new Map<string, number>();
  top.data.targets.forEach((raw, index) => {
    const name = targetName(raw, index);
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      throw new InputError(file, `${name} 应为键值映射,实际为 ${describeValue(raw)}`);
    }
    const parsed = targetSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0] as z.core.$ZodIssue;
      const path = issue.path.map(String);
      if (issue.code === "unrecognized_keys") {
        const where = path.length ? `的 ${path.join(".")} 中` : " ";
        throw new InputError(file, `${name}${where}含未知的键 ${issue.keys.join("、")}`);
      }
      const key = path.join(".") || "(整体)";
      throw new InputError(file, `${name} 的键 ${key} ${issueReason(issue, valueAt(raw, issue.path))}`);
    }
    const t = parsed.data;
    const first = seen.get(t.id);
    if (first !== undefined) {
      throw new InputError(file, `${name} 的键 id 重复:${t.id} 已用于第 ${first + 1} 个目标`);
    }
    seen.set(t.id, index);
    const base: TargetBase = { id: t.id, label: t.label, goal: t.goal, applies_to: t.applies_to ?? "all" };
    if (t.rule === "one_shoulder") {
      rules.push({ ...base, rule: "one_shoulder" });
      return;
    }
    const { position, ...conditions } = t.count ?? {};
    const count: CountConditions = { ...conditions };
    if (position !== undefined) count.position = [position].flat();
    rules.push({ ...base, rule: "count", body: t.body ?? "both", count, at_least: t.at_least ?? 1 });
  });
  return rules;
}

/** The `target_rules` rows of parsed targets, in file order (`ordinal` from 1). */
export function targetRuleRows(rules: readonly TargetRule[]): TargetRuleRow[] {
  return rules.map((r, i) => {
    const c: CountConditions = r.rule === "count" ? r.count : {};
    return {
      ordinal: i + 1,
      target_id: r.id,
      label: r.label,
      rule: r.rule,
      body: r.rule === "count" ? r.body : null,
      gender: c.gender ?? null,
      age_max: c.age_max ?? null,
      age_min: c.age_min ?? null,
      education_min: c.education_min ?? null,
      party_member: c.party_member ?? null,
      minority: c.minority ?? null,
      positions: c.position ? c.position.join(",") : null,
      at_least: r.rule === "count" ? r.at_least : null,
      goal: r.goal,
      applies_to: r.applies_to,
    };
  });
}
