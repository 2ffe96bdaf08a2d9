import * as Plot from "../vendor/plot.js";
import { fmtInt, fmtTick } from "./format.js";

/** Distribution of a numeric field (turnout, competition ratio…) as a binned histogram with an optional threshold rule. */
export function histogram(values, { width, label = "", threshold, unit = "%" } = {}) {
  const data = values.filter((v) => v != null && Number.isFinite(v));
  return Plot.plot({
    width,
    height: 220,
    ariaLabel: `${label}分布`,
    ariaDescription: `共 ${data.length} 项`,
    x: { label: `${label}(${unit})`, tickFormat: fmtTick },
    y: { label: "数量", grid: true, tickFormat: (d) => fmtInt(d) },
    marks: [
      Plot.rectY(
        data,
        Plot.binX(
          { y: "count", title: (bin) => `${fmtInt(bin.length)} 项` },
          { x: (d) => d, fill: "var(--theme-foreground-focus)" },
        ),
      ),
      threshold == null
        ? null
        : Plot.ruleX([threshold], { stroke: "var(--theme-bad, #c62828)", strokeDasharray: "4,3" }),
      Plot.ruleY([0]),
    ],
  });
}
