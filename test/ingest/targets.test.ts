import { describe, expect, it } from "vitest";
import { InputError } from "../../src/error.ts";
import { parseTargets, targetRuleRows } from "../../src/ingest/targets.ts";
import { parseYamlFile } from "../../src/ingest/yaml.ts";

const SPEC_EXAMPLE = `
targets:
  - id: woman_member            # [a-z0-9_]+, unique
    label: 村"两委"班子至少有1名女性成员
    body: both                  # party | committee | both
    count: { gender: F }        # members matching every condition given
    at_least: 1
    goal: 100                   # % of units that must meet the rule
  - id: young_35
    label: 村"两委"班子有35岁以下年轻干部
    body: both
    count: { age_max: 35 }
    at_least: 1
    goal: 90
  - id: two_college
    label: 村"两委"班子至少有2名大专及以上学历成员
    body: both
    count: { education_min: college }
    at_least: 2
    goal: 95
  - id: one_shoulder
    label: 书记、主任"一肩挑"
    rule: one_shoulder
    goal: 80
    applies_to: village         # village | community | all (default all)
`;

function errorOf(text: string): InputError {
  try {
    parseTargets(text, "targets.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError");
}

const one = (body: string) => `targets:\n  - id: t1\n    label: 标签\n    goal: 90\n${body}`;

describe("parseTargets", () => {
  it("parses the example of metrics.md with defaults applied", () => {
    const rules = parseTargets(SPEC_EXAMPLE, "targets.yaml");
    expect(rules).toEqual([
      {
        id: "woman_member",
        label: '村"两委"班子至少有1名女性成员',
        goal: 100,
        applies_to: "all",
        rule: "count",
        body: "both",
        count: { gender: "F" },
        at_least: 1,
      },
      {
        id: "young_35",
        label: '村"两委"班子有35岁以下年轻干部',
        goal: 90,
        applies_to: "all",
        rule: "count",
        body: "both",
        count: { age_max: 35 },
        at_least: 1,
      },
      {
        id: "two_college",
        label: '村"两委"班子至少有2名大专及以上学历成员',
        goal: 95,
        applies_to: "all",
        rule: "count",
        body: "both",
        count: { education_min: "college" },
        at_least: 2,
      },
      {
        id: "one_shoulder",
        label: '书记、主任"一肩挑"',
        goal: 80,
        applies_to: "village",
        rule: "one_shoulder",
      },
    ]);
  });

  it("accepts every count condition, a position or a list of positions", () => {
    const [rule] = parseTargets(
      one(
        "    body: party\n    at_least: 1\n    count: { gender: M, age_min: 18, age_max: 45, education_min: senior, party_member: true, minority: false, position: secretary }\n",
      ),
      "targets.yaml",
    );
    expect(rule).toMatchObject({
      count: {
        gender: "M",
        age_min: 18,
        age_max: 45,
        education_min: "senior",
        party_member: true,
        minority: false,
        position: ["secretary"],
      },
    });
    const [both] = parseTargets(
      one("    body: both\n    at_least: 1\n    count: { position: [secretary, chair] }\n"),
      "targets.yaml",
    );
    expect(both).toMatchObject({ count: { position: ["secretary", "chair"] } });
    expect(parseTargets("targets: []\n", "targets.yaml")).toEqual([]);
  });

  it("turns targets into target_rules rows", () => {
    const rows = targetRuleRows(
      parseTargets(
        one(
          "    body: both\n    at_least: 2\n    count: { position: [secretary, chair], education_min: college }\n",
        ),
        "targets.yaml",
      ),
    );
    expect(rows).toEqual([
      {
        ordinal: 1,
        target_id: "t1",
        label: "标签",
        rule: "count",
        body: "both",
        gender: null,
        age_max: null,
        age_min: null,
        education_min: "college",
        party_member: null,
        minority: null,
        positions: "secretary,chair",
        at_least: 2,
        goal: 90,
        applies_to: "all",
      },
    ]);
  });

  it("rejects an unknown key, naming the target and the key", () => {
    const e = errorOf(one("    body: both\n    at_least: 1\n    count: { gender: F }\n    colour: red\n"));
    expect(e.file).toBe("targets.yaml");
    expect(e.message).toContain("t1");
    expect(e.message).toContain("colour");
    const nested = errorOf(one("    body: both\n    at_least: 1\n    count: { sex: F }\n"));
    expect(nested.message).toContain("t1");
    expect(nested.message).toContain("sex");
    expect(nested.message).toContain("count");
    expect(errorOf("targets: []\nextra: 1\n").message).toContain("extra");
  });

  it("rejects a bad value, naming the target and the key", () => {
    const gender = errorOf(one("    body: both\n    at_least: 1\n    count: { gender: 女 }\n"));
    expect(gender.message).toContain("t1");
    expect(gender.message).toContain("count.gender");
    const age = errorOf(one("    body: both\n    at_least: 1\n    count: { age_max: 三十五 }\n"));
    expect(age.message).toContain("count.age_max");
    const body = errorOf(one("    body: village\n    at_least: 1\n    count: {}\n"));
    expect(body.message).toContain("body");
    const goal = errorOf(
      one("    body: both\n    at_least: 1\n    count: {}\n").replace("goal: 90", "goal: 120"),
    );
    expect(goal.message).toContain("goal");
    const applies = errorOf(one("    rule: one_shoulder\n    applies_to: town\n"));
    expect(applies.message).toContain("applies_to");
    const position = errorOf(one("    body: party\n    at_least: 1\n    count: { position: chair }\n"));
    expect(position.message).toContain("count.position");
    const id = errorOf("targets:\n  - id: Young-35\n    label: x\n    goal: 1\n    rule: one_shoulder\n");
    expect(id.message).toContain("第 1 个目标");
    expect(id.message).toContain("id");
    const party = errorOf(one("    body: both\n    at_least: 1\n    count: { party_member: yes }\n"));
    expect(party.message).toContain("count.party_member");
  });

  it("rejects missing keys and keys that do not fit the rule", () => {
    expect(errorOf(one("    body: both\n    count: {}\n")).message).toMatch(/t1.*at_least.*缺少/);
    expect(
      errorOf("targets:\n  - id: t2\n    body: both\n    at_least: 1\n    count: {}\n    goal: 5\n").message,
    ).toMatch(/t2.*label.*缺少/);
    expect(errorOf(one("    rule: one_shoulder\n    body: both\n")).message).toMatch(/t1.*body/);
    expect(errorOf(one("    rule: two_shoulders\n")).message).toMatch(/t1.*rule/);
    expect(
      errorOf(one("    body: both\n    at_least: 1\n    count: { age_min: 40, age_max: 35 }\n")).message,
    ).toMatch(/t1.*count\.age_min/);
  });

  it("rejects a duplicate id, naming both targets", () => {
    const e = errorOf(
      "targets:\n  - { id: a, label: x, rule: one_shoulder, goal: 1 }\n  - { id: a, label: y, rule: one_shoulder, goal: 2 }\n",
    );
    expect(e.message).toContain("第 2 个目标 (a)");
    expect(e.message).toContain("id");
    expect(e.message).toContain("第 1 个目标");
  });

  it("rejects a file that is not a targets list or not YAML", () => {
    expect(errorOf("- a\n- b\n").message).toContain("targets");
    expect(errorOf("targets: {a: 1}\n").message).toContain("targets");
    expect(errorOf("").message).toContain("targets");
    expect(errorOf("targets: [\n").message).toContain("YAML");
    expect(errorOf("targets:\n  - just a string\n").message).toContain("第 1 个目标");
  });
});

describe("YAML syntax errors", () => {
  it("read the same in dataset.yaml and targets.yaml, with the line and column", () => {
    const text = "targets: [x\nb: 1\n";
    expect(() => parseTargets(text, "targets.yaml")).toThrow(
      /^targets\.yaml: 不是有效的 YAML:.+\(第 2 行第 1 列\)$/,
    );
    expect(() => parseYamlFile(text, "dataset.yaml")).toThrow(
      /^dataset\.yaml: 不是有效的 YAML:.+\(第 2 行第 1 列\)$/,
    );
  });
});
