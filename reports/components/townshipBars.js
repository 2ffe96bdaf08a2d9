import * as Plot from "../vendor/plot.js";
import { fmt1, fmtPct, fmtTick } from "./format.js";

/**
 * Horizontal bars of one metric by township (or by the jurisdictions one level down, named by `by`), sorted,
 * with a rule at the value of the whole (`county`: the county's, a city's…).
 */
export function townshipBars(rows, { width, label = "", county, percent = true, by = "乡镇" } = {}) {
  const fmt = percent ? fmtPct : fmt1;
  return Plot.plot({
    width,
    height: Math.max(120, rows.length * 28 + 40),
    marginLeft: 110,
    marginRight: 50,
    ariaLabel: `${label}(按${by})`,
    ariaDescription: rows.map((d) => `${d.scope_id} ${fmt(d.value)}`).join(";"),
    x: { label: percent ? `${label}(%)` : label, grid: true, tickFormat: fmtTick },
    y: { label: null },
    marks: [
      Plot.barX(rows, {
        x: "value",
        y: "scope_id",
        sort: { y: "-x" },
        fill: "var(--theme-foreground-focus)",
        title: (d) => `${d.scope_id}:${fmt(d.value)}(${d.count ?? "—"} / ${d.base ?? "—"} 人)`,
      }),
      Plot.text(rows, { x: "value", y: "scope_id", text: (d) => fmt(d.value), dx: 4, textAnchor: "start" }),
      county == null
        ? null
        : Plot.ruleX([county], { stroke: "var(--theme-foreground-muted)", strokeDasharray: "4,3" }),
      Plot.ruleX([0]),
    ],
  });
}
