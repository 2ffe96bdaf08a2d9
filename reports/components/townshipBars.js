import { extent } from "d3-array";
import { scaleBand, scaleLinear } from "d3-scale";
import { chartSvg, ruleX, titles, xAxis, yAxis } from "./chart.js";
import { fmt1, fmtPct, fmtTick } from "./format.js";

/**
 * Horizontal bars of one metric by township (or by the jurisdictions one level down, named by `by`), sorted,
 * with a rule at the value of the whole (`county`: the county's, a city's…).
 */
export function townshipBars(rows, { width = 640, label = "", county, percent = true, by = "乡镇" } = {}) {
  const fmt = percent ? fmtPct : fmt1;
  const height = Math.max(120, rows.length * 28 + 40);
  const [top, right, bottom, left] = [10, 50, 30, 110];
  // Greatest first; a missing value (no bar) last.
  const sorted = rows
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        (b.d.value ?? Number.NEGATIVE_INFINITY) - (a.d.value ?? Number.NEGATIVE_INFINITY) || a.i - b.i,
    )
    .map(({ d }) => d);
  const drawn = sorted.filter((d) => d.value != null);
  const [lo, hi] = extent([0, ...drawn.map((d) => d.value), ...(county == null ? [] : [county])]);
  const x = scaleLinear()
    .domain(lo === hi ? [lo, lo + 1] : [lo, hi])
    .nice()
    .range([left, width - right]);
  const y = scaleBand()
    .domain(sorted.map((d) => d.scope_id))
    .range([top, height - bottom])
    .padding(0.1);
  const svg = chartSvg({
    width,
    height,
    label: `${label}(按${by})`,
    description: rows.map((d) => `${d.scope_id} ${fmt(d.value)}`).join(";"),
  });
  xAxis(svg, x, {
    y: height - bottom,
    top,
    ticks: (width - left - right) / 80,
    format: fmtTick,
    grid: true,
    label: percent ? `${label}(%)` : label,
  });
  yAxis(svg, y, { x: left });
  const bar = svg
    .append("g")
    .selectAll("g")
    .data(drawn)
    .join("g")
    .attr("transform", (d) => `translate(0,${y(d.scope_id)})`);
  bar
    .append("rect")
    .attr("x", (d) => Math.min(x(0), x(d.value)))
    .attr("width", (d) => Math.abs(x(d.value) - x(0)))
    .attr("height", y.bandwidth())
    .attr("fill", "var(--theme-foreground-focus)")
    .call(titles, (d) => `${d.scope_id}:${fmt(d.value)}(${d.count ?? "—"} / ${d.base ?? "—"} 人)`);
  bar
    .append("text")
    .attr("x", (d) => x(d.value) + 4)
    .attr("y", y.bandwidth() / 2)
    .attr("dy", "0.32em")
    .attr("text-anchor", "start")
    .text((d) => fmt(d.value));
  if (county != null)
    ruleX(svg, x(county), {
      y1: top,
      y2: height - bottom,
      stroke: "var(--theme-foreground-muted)",
      dash: "4,3",
    });
  ruleX(svg, x(0), { y1: top, y2: height - bottom });
  return svg.node();
}
