import { h } from "./dom.js";
import { fmt1, fmtDelta, fmtInt, fmtPct } from "./format.js";

/**
 * Headline cards of the reference report for one body and scope: members
 * (with secretaries and deputy secretaries), college-plus, women, aged 40 or
 * under, aged 35 or under, average age, each with its change since the
 * previous term, and the “两升一降” verdict. `rows`: structure rows of one term.
 */
export function summaryCards(rows, { body = "party", scope = "county", scopeId } = {}) {
  const m = new Map(
    rows
      .filter((r) => r.body === body && r.scope === scope && (scopeId == null || r.scope_id === scopeId))
      .map((r) => [r.metric, r]),
  );
  if (!m.size) return h("p", { class: "empty" }, "暂无班子结构数据。");
  const card = (metric, title, ...body) =>
    h("div", { class: "card", "data-metric": metric }, h("h2", null, title), ...body);
  const change = (r, unit, words) =>
    h("div", { class: "muted" }, r?.delta != null ? fmtDelta(r.delta, unit, words) : "");
  const share = (k, title) => {
    const r = m.get(k);
    return card(
      k,
      title,
      h("span", { class: "big" }, fmtPct(r?.value)),
      h("div", null, `${fmtInt(r?.count)} 人`),
      change(r),
    );
  };
  const members = m.get("members");
  const age = m.get("avg_age");
  const checks = [
    ["学历提升", m.get("college_plus")?.delta, (d) => d > 0, "个百分点"],
    ["女性比例提升", m.get("women")?.delta, (d) => d > 0, "个百分点"],
    ["平均年龄下降", age?.delta, (d) => d < 0, "岁"],
  ];
  const known = checks.every(([, d]) => d != null);
  const verdict = known && checks.every(([, d, ok]) => ok(d));
  return h(
    "div",
    { class: "grid grid-cols-4" },
    card(
      "members",
      "委员人数",
      h("span", { class: "big" }, fmtInt(members?.count)),
      h(
        "div",
        null,
        `书记 ${fmtInt(m.get("secretaries")?.count)} 名 · 副书记 ${fmtInt(m.get("deputy_secretaries")?.count)} 名`,
      ),
      change(members, "人", ["增加", "减少"]),
    ),
    share("college_plus", "大专及以上学历"),
    share("women", "女性"),
    share("age_le_40", "40岁以下"),
    share("age_le_35", "35岁以下"),
    card("avg_age", "平均年龄", h("span", { class: "big" }, fmt1(age?.value)), " 岁", change(age, "岁")),
    h(
      "div",
      { class: "card grid-colspan-2", "data-metric": "verdict" },
      h("h2", null, "“两升一降”"),
      known
        ? [
            h("span", { class: `verdict ${verdict ? "yes" : "no"}` }, verdict ? "已实现" : "未实现"),
            h(
              "ul",
              null,
              checks.map(([label, d, ok, unit]) =>
                h(
                  "li",
                  { class: ok(d) ? "up" : "down" },
                  `${label}:${ok(d) ? "是" : "否"}(${fmtDelta(d, unit)})`,
                ),
              ),
            ),
          ]
        : h("span", { class: "muted" }, "无上届数据,无法比较。"),
    ),
  );
}
