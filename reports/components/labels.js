/** Chinese labels of the warehouse's English codes (warehouse.md, metrics.md). */
export const BODY = { party: "党组织", committee: "村(居)委会", both: "“两委”" };
/** Positions from the highest, and their labels in the same order. */
export const POSITION_ORDER = ["secretary", "deputy_secretary", "chair", "vice_chair", "member"];
export const POSITION = Object.fromEntries(
  ["书记", "副书记", "主任", "副主任", "委员"].map((label, i) => [POSITION_ORDER[i], label]),
);
export const GENDER = { F: "女", M: "男" };
export const EDUCATION = {
  none: "未上学",
  primary: "小学",
  junior: "初中",
  senior: "高中",
  vocational: "中专",
  college: "大专",
  bachelor: "本科",
  postgraduate: "研究生",
};
/** Leading roles of the leaders' profile (头雁). */
export const ROLE = { secretary: "党组织书记", chair: "村(居)委会主任", one_shoulder: "书记、主任“一肩挑”" };
export const UNIT_TYPE = { village: "村", community: "社区" };
export const STATUS = { passed: "通过", failed: "未通过", not_applicable: "不适用" };
export const VETTING = { passed: "通过", disqualified: "取消资格", withdrawn: "退出" };
export const METRIC = {
  members: "委员人数",
  secretaries: "书记",
  deputy_secretaries: "副书记",
  chairs: "主任",
  vice_chairs: "副主任",
  college_plus: "大专及以上学历",
  high_school_plus: "高中(中专)及以上学历",
  women: "女性",
  age_le_35: "35岁以下",
  age_le_40: "40岁以下",
  minority: "少数民族",
  party_members: "党员",
  reelected: "连任",
  cross_serving: "交叉任职",
  avg_age: "平均年龄",
};
export const SHARE_METRICS = [
  "college_plus",
  "high_school_plus",
  "women",
  "age_le_35",
  "age_le_40",
  "minority",
  "party_members",
  "reelected",
  "cross_serving",
];
export const CHECK = {
  ballots_consistent: "票数一致",
  turnout_majority: "过半数投票",
  quorum_four_fifths: "到会超过五分之四",
  winner_majority: "当选人得票过半",
  revote_one_third: "另行选举得票不少于三分之一",
  competitive: "差额选举",
  competitive_20pct: "差额不少于20%",
  seats_not_exceeded: "当选不超过应选",
  elected_flag_consistent: "当选标记与得票一致",
  committee_size: "村(居)委会职数",
  committee_has_woman: "村(居)委会有女性成员",
  party_has_secretary: "党组织有且仅有1名书记",
};
export const label = (dict, code) => (code == null ? "—" : (dict[code] ?? String(code)));
/** The levels of metric tables' `scope` (levels.md), as a row heading. */
export const SCOPE = {
  nation: "全国",
  province: "省(区、市)",
  city: "市(地、州、盟)",
  county: "县(市、区、旗)",
  township: "乡镇(街道)",
};
/** The whole of the warehouse's own jurisdiction, by its level (全县: the county as a whole). */
export const WHOLE = { nation: "全国", province: "全省", city: "全市", county: "全县" };
/** A jurisdiction of a level, in running text and short column headings (各乡镇, 各县). */
export const PLACE = { nation: "全国", province: "省", city: "市", county: "县", township: "乡镇" };
/** The warehouse's own jurisdiction when it has no name (本县). */
export const OWN = { nation: "全国", province: "本省", city: "本市", county: "本县" };
