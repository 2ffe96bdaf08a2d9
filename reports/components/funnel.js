import * as Plot from "../vendor/plot.js";
import { fmtInt } from "./format.js";

/** Vetting funnel: registered → party members → passed, disqualified, withdrawn. `stages`: [{stage, count}]. */
export function funnel(stages, { width } = {}) {
  return Plot.plot({
    width,
    height: stages.length * 36 + 30,
    marginLeft: 90,
    ariaLabel: "资格审查漏斗",
    ariaDescription: stages.map((d) => `${d.stage} ${fmtInt(d.count)} 人`).join(";"),
    x: { label: "人数", grid: true, tickFormat: (d) => fmtInt(d) },
    y: { label: null, domain: stages.map((d) => d.stage) },
    marks: [
      Plot.barX(stages, { x: "count", y: "stage", fill: "var(--theme-foreground-focus)" }),
      Plot.text(stages, {
        x: "count",
        y: "stage",
        text: (d) => `${fmtInt(d.count)} 人`,
        dx: 4,
        textAnchor: "start",
      }),
      Plot.ruleX([0]),
    ],
  });
}
