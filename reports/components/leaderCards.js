import { h } from "./dom.js";
import { fmt1, fmtDelta, fmtInt, fmtPct } from "./format.js";

/**
 * Headline cards of one leading role (头雁: secretaries, chairs or 一肩挑) in
 * one scope, in the manner of published 换届 reports: how many, average age,
 * 大专以上, 高中(中专)以上, 40岁以下, women and re-elected, each with its change
 * since the previous term. `rows`: leaders rows of one term, scope and role.
 */
export function leaderCards(rows, { title = "" } = {}) {
  const m = new Map(rows.map((r) => [r.metric, r]));
  const members = m.get("members");
  if (!members?.count) return h("p", { class: "empty" }, "暂无数据。");
  const card = (metric, label, big, ...rest) =>
    h(
      "div",
      { class: "card", "data-metric": metric },
      h("h2", null, label),
      h("span", { class: "big" }, big),
      ...rest,
    );
  const change = (r, unit, words) =>
    h("div", { class: "muted" }, r?.delta != null ? fmtDelta(r.delta, unit, words) : "");
  const share = (metric, label) => {
    const r = m.get(metric);
    return card(metric, label, fmtPct(r?.value), h("div", null, `${fmtInt(r?.count)} 人`), change(r));
  };
  const age = m.get("avg_age");
  return h(
    "div",
    { class: "grid grid-cols-4", "data-leaders": title },
    card("members", `${title}人数`, fmtInt(members.count), change(members, "人", ["增加", "减少"])),
    card("avg_age", "平均年龄", fmt1(age?.value), " 岁", change(age, "岁")),
    share("college_plus", "大专及以上学历"),
    share("high_school_plus", "高中(中专)及以上"),
    share("age_le_40", "40岁以下"),
    share("women", "女性"),
    share("reelected", "连任"),
  );
}
