import { describe, expect, it } from "vitest";
import { parseTargets, type TargetRule } from "../../src/ingest/targets.ts";
import { computeMetrics } from "../../src/metrics/metrics.ts";
import { buildSummary, changeClause } from "../../src/metrics/summary.ts";
import { openRuntime, type Runtime } from "../helpers/contract.ts";
import { leaderCounty } from "../helpers/leaders-fixture.ts";
import { MEMBERS, member, referenceCounty, TARGETS_YAML, UNITS } from "../helpers/metrics-fixture.ts";

const SAMPLE_TARGETS = `targets:
  - { id: woman_member, label: 村"两委"班子至少有1名女性成员, body: both, count: { gender: F }, at_least: 1, goal: 100 }
  - { id: young_35, label: 村"两委"班子有35岁以下年轻干部, body: both, count: { age_max: 35 }, at_least: 1, goal: 90 }
  - { id: two_college, label: 村"两委"班子至少有2名大专及以上学历成员, body: both, count: { education_min: college }, at_least: 2, goal: 95 }
`;

/** The summary of a county given by its runtime tables, after computing the metrics with `targets`. */
async function summaryOf(runtime: Runtime, targets: readonly TargetRule[] = []) {
  const conn = await openRuntime(runtime);
  await computeMetrics(conn, { targets });
  return buildSummary(conn);
}

describe("summary", () => {
  it("reproduces the example paragraph of metrics.md on a county shaped like the reference", async () => {
    const summary = await summaryOf(
      { ...referenceCounty(), dataset: "和林格尔县" },
      parseTargets(SAMPLE_TARGETS, "targets.yaml"),
    );
    expect(summary).toMatchObject({ dataset: "和林格尔县", term: 2021, prev_term: 2018 });
    expect(summary.text).toBe(
      '共选举产生村、社区党组织委员523名,其中书记160名、副书记53名。大学专科及以上学历的158人、占30.2%,比上届提高7.6个百分点;女性97人、占18.5%,比上届提高2.5个百分点;40岁以下96人、占18.4%;平均年龄48.2岁,比上届降低3.2岁,实现"两升一降"。' +
        '村"两委"班子至少有1名女性成员的村社占100%,比上届提高50个百分点,达到100%的目标;' +
        '村"两委"班子有35岁以下年轻干部的村社占96.3%,比上届提高51.3个百分点,达到90%的目标;' +
        '村"两委"班子至少有2名大专及以上学历成员的村社占95.6%,比上届提高95.6个百分点,达到95%的目标。' +
        // the secretaries (leaders' profile): aged 50 (2018: 51), none with college (2018: 113 of 160)
        "村、社区党组织书记160名,平均年龄50岁,比上届降低1岁;大专以上学历的0人、占0%,比上届降低70.6个百分点。",
    );
    expect(summary.figures.targets.map((t) => [t.units_met, t.units_total, t.rate, t.prev_rate])).toEqual([
      [160, 160, 100, 50],
      [154, 160, 96.25, 45],
      [153, 160, 95.625, 0],
    ]);
  });

  it("writes the paragraph of the latest term from the tables, with targets", async () => {
    const summary = await summaryOf(
      { units: UNITS, members: MEMBERS },
      parseTargets(TARGETS_YAML, "targets.yaml"),
    );
    expect(summary).toMatchObject({ dataset: "测试县", term: 2021, prev_term: 2018 });
    expect(summary.text).toBe(
      "共选举产生村、社区党组织委员5名,其中书记2名、副书记1名。" +
        "大学专科及以上学历的3人、占60%,比上届提高26.7个百分点;女性2人、占40%,比上届提高40个百分点;" +
        '40岁以下2人、占40%;平均年龄46.4岁,比上届降低8.6岁,实现"两升一降"。' +
        '村"两委"班子至少有1名女性成员的村社占66.7%,比上届提高66.7个百分点,未达到100%的目标;' +
        '村"两委"班子有35岁以下年轻干部的村社占33.3%,比上届提高33.3个百分点,未达到50%的目标;' +
        '村"两委"班子至少有2名大专及以上学历成员的村社占66.7%,比上届提高66.7个百分点,达到60%的目标;' +
        '书记、主任"一肩挑"的村占0%,比上届降低50个百分点,未达到50%的目标;' +
        "社区党组织书记是党员的社区占100%,与上届持平,达到100%的目标;" +
        "村委会有女性成员的村社占33.3%,比上届提高33.3个百分点,未达到100%的目标。" +
        // secretaries a (53) and h (41, college); 2018: a (50) and d (60, college)
        "村、社区党组织书记2名,平均年龄47岁,比上届降低8岁;大专以上学历的1人、占50%,与上届持平。",
    );
    expect(summary.figures.party.members).toMatchObject({ count: 5, prev_count: 3 });
    expect(summary.figures.party.avg_age).toMatchObject({ value: 46.4, delta: -8.6 });
    expect(summary.figures.two_up_one_down).toEqual({
      college_up: true,
      women_up: true,
      age_down: true,
      verdict: true,
    });
    expect(summary.figures.targets.map((t) => t.target_id)).toEqual([
      "woman_member",
      "young_35",
      "two_college",
      "one_shoulder",
      "party_secretary",
      "committee_woman",
    ]);
  });

  it("leaves out every comparison and the verdict without a previous term", async () => {
    const summary = await summaryOf(
      { units: UNITS, members: MEMBERS.filter((m) => m.term === 2021) },
      parseTargets(TARGETS_YAML, "targets.yaml").slice(0, 1),
    );
    expect(summary).toMatchObject({ term: 2021, prev_term: null });
    expect(summary.figures.two_up_one_down).toBeNull();
    expect(summary.text).toBe(
      "共选举产生村、社区党组织委员5名,其中书记2名、副书记1名。" +
        "大学专科及以上学历的3人、占60%;女性2人、占40%;40岁以下2人、占40%;平均年龄46.4岁。" +
        '村"两委"班子至少有1名女性成员的村社占66.7%,未达到100%的目标。' +
        "村、社区党组织书记2名,平均年龄47岁;大专以上学历的1人、占50%。",
    );
  });

  it("leaves out clauses whose figures are missing and says 村 for villages only", async () => {
    const summary = await summaryOf({
      units: UNITS.filter((u) => u.unit_type === "village"),
      members: [
        member({ term: 2018, unit_id: "U1", body: "party", person_key: "a", age: 50 }),
        member({
          term: 2021,
          unit_id: "U1",
          body: "party",
          person_key: "a",
          age: null,
          position: "secretary",
        }),
        member({ term: 2021, unit_id: "U1", body: "party", person_key: "b", age: null, gender: "F" }),
      ],
    });
    // No known age in 2021: no average age, so the age leg is unknown; the
    // college leg failed, so the verdict is known: not achieved.
    expect(summary.figures.two_up_one_down).toEqual({
      college_up: false,
      women_up: true,
      age_down: null,
      verdict: false,
    });
    expect(summary.text).toBe(
      "共选举产生村党组织委员2名,其中书记1名、副书记0名。" +
        '大学专科及以上学历的0人、占0%,与上届持平;女性1人、占50%,比上届提高50个百分点;40岁以下0人、占0%,未实现"两升一降"。' +
        // the secretary's age is unknown: no age clause; no secretary in 2018: no change
        "村党组织书记1名,大专以上学历的0人、占0%。",
    );
  });

  it("adds the secretaries' profile and the elections' first-round success and turnout", async () => {
    const summary = await buildSummary(await leaderCounty());
    // secretaries A 53, D 35, E 40 (2018: 50, 55); D college. Elections: test/metrics/election-summary.test.ts.
    expect(summary.text).toMatch(
      /村党组织书记3名,平均年龄42.7岁,比上届降低9.8岁;大专以上学历的1人、占33.3%,比上届提高33.3个百分点。村党组织换届一次选举成功率100%,党员参选率95%;村民委员会换届一次选举成功率50%,选民参选率77.8%。$/,
    );
    expect(summary.figures.elections.committee).toMatchObject({ units_elected: 4, units_first_round: 2 });
    expect(summary.figures.secretaries.members).toMatchObject({ count: 3, prev_count: 2 });
  });

  it("picks the latest term with roster rows, and writes nothing without any", async () => {
    const latest = await summaryOf({
      units: UNITS,
      members: MEMBERS.filter((m) => m.term === 2018),
      terms: [
        { term: 2018, reference_date: "2018-06-30" },
        { term: 2024, reference_date: "2024-06-30" },
      ],
    });
    expect(latest).toMatchObject({ term: 2018, prev_term: null });
    expect(await summaryOf({ units: UNITS, members: [], terms: [] })).toMatchObject({
      term: null,
      prev_term: null,
      text: "",
    });
  });
});

describe("changeClause", () => {
  it("chooses 提高/降低 by sign and says 持平 for no change", () => {
    expect(changeClause(7.6499999999, "个百分点")).toBe(",比上届提高7.6个百分点");
    expect(changeClause(7.65, "个百分点")).toBe(",比上届提高7.7个百分点");
    expect(changeClause(-3.2, "岁")).toBe(",比上届降低3.2岁");
    expect(changeClause(0, "岁")).toBe(",与上届持平");
    expect(changeClause(0.01, "岁")).toBe(",与上届持平");
    expect(changeClause(null, "岁")).toBe("");
  });
});
