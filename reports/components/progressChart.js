import { extent, group, sort } from "d3-array";
import { scaleLinear, scaleOrdinal, scaleUtc } from "d3-scale";
import { curveStepAfter, line } from "d3-shape";
import { utcFormat } from "d3-time-format";
import { chartSvg, swatches, titles, xAxis, yAxis } from "./chart.js";
import { fmtPct, fmtTick } from "./format.js";

const day = utcFormat("%-m月%-d日");
/** Tableau 10, the categorical colours the charts had with Plot, repeated beyond ten lines. */
const TABLEAU10 = [
  "#4e79a7",
  "#f28e2c",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc949",
  "#af7aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ab",
];

/**
 * Cumulative completion rate by township over time (日报告日通报), one line per township (or per
 * jurisdiction one level down, named by `by`), a legend of their colours above.
 */
export function progressChart(rows, { width = 640, by = "乡镇" } = {}) {
  const data = rows.map((d) => ({ ...d, date: new Date(`${d.day}T00:00:00Z`) }));
  const color = scaleOrdinal(sort(new Set(data.map((d) => d.scope_id))), TABLEAU10);
  const [right, bottom, left] = [20, 30, 40];
  const svg = chartSvg({ width, height: 320, label: `各${by}累计完成率` });
  // The legend first, at the top: the chart goes under it, the SVG as much taller.
  const legendHeight = swatches(svg, color, { width });
  const top = legendHeight + 30;
  const height = 320 + legendHeight + 10;
  svg.attr("height", height).attr("viewBox", `0 0 ${width} ${height}`);
  const [d0, d1] = extent(data, (d) => d.date);
  const x = scaleUtc()
    .domain(
      d0 == null
        ? [new Date(0), new Date(86400000)]
        : +d0 === +d1
          ? [d0, new Date(+d1 + 86400000)]
          : [d0, d1],
    )
    .range([left, width - right]);
  const y = scaleLinear()
    .domain([0, 100])
    .range([height - bottom, top]);
  yAxis(svg, y, {
    x: left,
    right: width - right,
    ticks: 6,
    format: fmtTick,
    grid: true,
    label: "累计完成率(%)",
  });
  // Dates as `12月27日` take about 50 px: a tick per 110 px or so.
  xAxis(svg, x, { y: height - bottom, ticks: width / 110, format: day, label: "日期" });
  const drawn = data.filter((d) => d.rate != null && Number.isFinite(d.rate));
  const path = line()
    .defined((d) => d.rate != null && Number.isFinite(d.rate))
    .curve(curveStepAfter)
    .x((d) => x(d.date))
    .y((d) => y(d.rate));
  svg
    .append("g")
    .attr("fill", "none")
    .attr("stroke-width", 1.5)
    .selectAll("path")
    .data(group(data, (d) => d.scope_id))
    .join("path")
    .attr("stroke", ([id]) => color(id))
    .attr("d", ([, points]) => path(points));
  svg
    .append("g")
    .attr("fill", "none")
    .attr("stroke-width", 1.5)
    .selectAll("circle")
    .data(drawn)
    .join("circle")
    .attr("cx", (d) => x(d.date))
    .attr("cy", (d) => y(d.rate))
    .attr("r", 2)
    .attr("stroke", (d) => color(d.scope_id))
    .call(
      titles,
      (d) => `${d.scope_id} ${day(d.date)}:${fmtPct(d.rate)}(${d.units_done} / ${d.units_total})`,
    );
  return svg.node();
}
