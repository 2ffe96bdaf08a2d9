import { utcFormat } from "d3-time-format";
import * as Plot from "../vendor/plot.js";
import { fmtPct, fmtTick } from "./format.js";

const day = utcFormat("%-m月%-d日");

/**
 * Cumulative completion rate by township over time (日报告日通报), one line per township (or per
 * jurisdiction one level down, named by `by`).
 */
export function progressChart(rows, { width, by = "乡镇" } = {}) {
  const data = rows.map((d) => ({ ...d, date: new Date(`${d.day}T00:00:00Z`) }));
  return Plot.plot({
    width,
    height: 320,
    ariaLabel: `各${by}累计完成率`,
    x: { type: "utc", label: "日期", tickFormat: day },
    y: { label: "累计完成率(%)", domain: [0, 100], grid: true, tickFormat: fmtTick },
    color: { legend: true, label: by },
    marks: [
      Plot.line(data, { x: "date", y: "rate", stroke: "scope_id", curve: "step-after" }),
      Plot.dot(data, {
        x: "date",
        y: "rate",
        stroke: "scope_id",
        r: 2,
        title: (d) => `${d.scope_id} ${day(d.date)}:${fmtPct(d.rate)}(${d.units_done} / ${d.units_total})`,
      }),
    ],
  });
}
