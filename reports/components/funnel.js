import { max } from "d3-array";
import { scaleBand, scaleLinear } from "d3-scale";
import { chartSvg, ruleX, xAxis, yAxis } from "./chart.js";
import { fmtInt } from "./format.js";

/** Vetting funnel: registered → party members → passed, disqualified, withdrawn. `stages`: [{stage, count}]. */
export function funnel(stages, { width = 640 } = {}) {
  const height = stages.length * 36 + 30;
  const [top, right, bottom, left] = [10, 70, 30, 90];
  const x = scaleLinear()
    .domain([0, max(stages, (d) => d.count) || 1])
    .nice()
    .range([left, width - right]);
  const y = scaleBand()
    .domain(stages.map((d) => d.stage))
    .range([top, height - bottom])
    .padding(0.1);
  const svg = chartSvg({
    width,
    height,
    label: "资格审查漏斗",
    description: stages.map((d) => `${d.stage} ${fmtInt(d.count)} 人`).join(";"),
  });
  xAxis(svg, x, {
    y: height - bottom,
    top,
    ticks: (width - left - right) / 80,
    format: (d) => fmtInt(d),
    grid: true,
    label: "人数",
  });
  yAxis(svg, y, { x: left });
  const bar = svg
    .append("g")
    .selectAll("g")
    .data(stages)
    .join("g")
    .attr("transform", (d) => `translate(0,${y(d.stage)})`);
  bar
    .append("rect")
    .attr("x", x(0))
    .attr("width", (d) => Math.max(0, x(d.count) - x(0)))
    .attr("height", y.bandwidth())
    .attr("fill", "var(--theme-foreground-focus)");
  bar
    .append("text")
    .attr("x", (d) => x(d.count) + 4)
    .attr("y", y.bandwidth() / 2)
    .attr("dy", "0.32em")
    .attr("text-anchor", "start")
    .text((d) => `${fmtInt(d.count)} 人`);
  ruleX(svg, x(0), { y1: top, y2: height - bottom });
  return svg.node();
}
