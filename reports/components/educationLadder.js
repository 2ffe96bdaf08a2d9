import { max, sum } from "d3-array";
import { scaleBand, scaleLinear, scaleOrdinal } from "d3-scale";
import { caption, chartSvg, ruleX, titles, xAxis, yAxis } from "./chart.js";
import { fmtInt, fmtPct } from "./format.js";
import { EDUCATION } from "./labels.js";

/** Ladder order of data/structure-people.arrow's education levels (EDUCATION's order), unknown last. */
export const EDUCATION_LADDER = [...Object.keys(EDUCATION), "unknown"];
const COLLEGE_PLUS = new Set(["college", "bachelor", "postgraduate"]);
const LABEL = { ...EDUCATION, unknown: "学历不详" };
const GROUP = scaleOrdinal(
  ["大专以下", "大专及以上", "不详"],
  ["var(--theme-foreground-faint)", "var(--theme-foreground-focus)", "#ddd"],
);

/**
 * Education ladder: persons per level from 未上学 down to 研究生 (and 学历不详),
 * 大专及以上 highlighted, each bar labelled with its count and its share of all
 * persons (unknowns included, as the college_plus metric counts them), the
 * 大专及以上 total in a line under it.
 * `data`: rows {category (a level or "unknown"), men, women, unknown_gender} of
 * one term, body and scope; missing levels count 0.
 */
export function educationLadder(data, { width = 640, title = "学历结构", height } = {}) {
  const n = new Map(data.map((d) => [d.category, d.men + d.women + d.unknown_gender]));
  const levels = EDUCATION_LADDER.filter((k) => k !== "unknown" || n.get("unknown"));
  const rows = levels.map((k) => ({
    level: k,
    label: LABEL[k],
    n: n.get(k) ?? 0,
    group: COLLEGE_PLUS.has(k) ? "大专及以上" : k === "unknown" ? "不详" : "大专以下",
  }));
  const total = sum(rows, (d) => d.n);
  const college = sum(rows, (d) => (COLLEGE_PLUS.has(d.level) ? d.n : 0));
  const share = (v) => (total ? fmtPct((v / total) * 100) : "—");
  const chartHeight = height ?? levels.length * 28 + 50;
  const [top, right, bottom, left] = [20, 90, 30, 70];
  const x = scaleLinear()
    .domain([0, max(rows, (d) => d.n) || 1])
    .nice()
    .range([left, width - right]);
  const y = scaleBand()
    .domain(rows.map((d) => d.label))
    .range([top, chartHeight - bottom])
    .padding(0.1);
  const svg = chartSvg({
    width,
    height: chartHeight + 24,
    label: `${title}:学历阶梯`,
    description: `${rows.map((d) => `${d.label} ${fmtInt(d.n)} 人`).join(";")};大专及以上 ${fmtInt(college)} 人(${share(college)})`,
  });
  xAxis(svg, x, {
    y: chartHeight - bottom,
    top,
    ticks: 5,
    format: (d) => fmtInt(d),
    grid: true,
    label: "人数",
  });
  yAxis(svg, y, { x: left });
  const bar = svg
    .append("g")
    .selectAll("g")
    .data(rows)
    .join("g")
    .attr("transform", (d) => `translate(0,${y(d.label)})`);
  bar
    .append("rect")
    .attr("x", x(0))
    .attr("width", (d) => Math.max(0, x(d.n) - x(0)))
    .attr("height", y.bandwidth())
    .attr("fill", (d) => GROUP(d.group))
    .call(titles, (d) => `${d.label}:${fmtInt(d.n)} 人(占 ${share(d.n)})`);
  bar
    .append("text")
    .attr("x", (d) => x(d.n) + 4)
    .attr("y", y.bandwidth() / 2)
    .attr("dy", "0.32em")
    .attr("text-anchor", "start")
    .attr("font-size", 11)
    .text((d) => `${fmtInt(d.n)}(${share(d.n)})`);
  ruleX(svg, x(0), { y1: top, y2: chartHeight - bottom });
  caption(svg, `大专及以上 ${fmtInt(college)} 人,占 ${share(college)}。`, { x: 0, y: chartHeight + 18 });
  return svg.node();
}
