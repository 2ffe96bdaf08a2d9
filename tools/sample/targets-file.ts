/** The sample's targets.yaml: the four example targets of shared/spec/metrics.md. */
export const TARGETS_YAML = `targets:
  - id: woman_member
    label: 村"两委"班子至少有1名女性成员
    body: both
    count: { gender: F }
    at_least: 1
    goal: 100
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
    applies_to: village
`;
