import { bin, extent, max, thresholdScott } from "d3-array";
import { scaleLinear } from "d3-scale";
import { chartSvg, MARGIN, ruleX, tickWidth, titles, xAxis, yAxis } from "./chart.js";
import { fmtInt, fmtTick } from "./format.js";

/** Bin count: Scott's rule, at most 200 (d3-array's thresholds; the bins are d3's nice ones). */
const thresholds = (values, lo, hi) => Math.min(200, thresholdScott(values, lo, hi));

/** Distribution of a numeric field (turnout, competition ratio…) as a binned histogram with an optional threshold rule. */
export function histogram(values, { width = 640, label = "", threshold, unit = "%" } = {}) {
  const data = values.filter((v) => v != null && Number.isFinite(v));
  const height = 220;
  const { top, right, bottom } = MARGIN;
  const bins = bin().thresholds(thresholds)(data);
  const count = (d) => fmtInt(d);
  const y = scaleLinear()
    .domain([0, max(bins, (b) => b.length) || 1])
    .nice()
    .range([height - bottom, top]);
  // Room on the left for the widest count (a nation's run to seven digits).
  const left = Math.max(MARGIN.left, tickWidth(y, height / 40, count) + 12);
  const [lo, hi] = extent([...bins.flatMap((b) => [b.x0, b.x1]), ...(threshold == null ? [] : [threshold])]);
  const x = scaleLinear()
    .domain(lo == null ? [0, 100] : lo === hi ? [lo - 1, hi + 1] : [lo, hi])
    .range([left, width - right]);
  const svg = chartSvg({ width, height, label: `${label}分布`, description: `共 ${data.length} 项` });
  yAxis(svg, y, {
    x: left,
    right: width - right,
    ticks: height / 40,
    format: count,
    grid: true,
    label: "数量",
  });
  xAxis(svg, x, { y: height - bottom, ticks: width / 80, format: fmtTick, label: `${label}(${unit})` });
  svg
    .append("g")
    .attr("fill", "var(--theme-foreground-focus)")
    .selectAll("rect")
    .data(bins.filter((b) => b.length))
    .join("rect")
    .attr("x", (b) => x(b.x0) + 0.5)
    .attr("width", (b) => Math.max(0, x(b.x1) - x(b.x0) - 1))
    .attr("y", (b) => y(b.length))
    .attr("height", (b) => y(0) - y(b.length))
    .call(titles, (b) => `${fmtInt(b.length)} 项`);
  if (threshold != null)
    ruleX(svg, x(threshold), {
      y1: top,
      y2: height - bottom,
      stroke: "var(--theme-bad, #c62828)",
      dash: "4,3",
    });
  svg
    .append("line")
    .attr("x1", left)
    .attr("x2", width - right)
    .attr("y1", y(0))
    .attr("y2", y(0))
    .attr("stroke", "currentColor");
  return svg.node();
}
