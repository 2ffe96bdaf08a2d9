import { h } from "./dom.js";
import { fmtInt, fmtPct } from "./format.js";

/** One card per target: completion rate against its goal, units met / total. `rows`: target rows of one term and scope. */
export function targetCards(rows) {
  if (!rows?.length) return h("p", { class: "empty" }, "暂无目标任务数据(缺少 targets.yaml 或目标表)。");
  return h(
    "div",
    { class: "grid grid-cols-3" },
    rows.map((t) =>
      h(
        "div",
        { class: "card", "data-target": t.target_id },
        h("h2", null, t.label),
        h("span", { class: "big" }, fmtPct(t.rate)),
        h("div", null, `${fmtInt(t.units_met)} / ${fmtInt(t.units_total)} 个村社 · 目标 ${fmtPct(t.goal)}`),
        h("div", { class: t.met ? "up" : "down" }, t.met ? "已达标" : "未达标"),
      ),
    ),
  );
}
