import { max, sum } from "d3-array";
import { scaleBand, scaleLinear } from "d3-scale";
import { caption, chartSvg, ruleX, textWidth, titles, xAxis, yAxis } from "./chart.js";
import { fmtInt, fmtPct } from "./format.js";

/** Age bands of data/structure-people.arrow, youngest first, with their labels. */
export const AGE_BAND = {
  le30: "30岁及以下",
  "31-35": "31–35岁",
  "36-40": "36–40岁",
  "41-45": "41–45岁",
  "46-50": "46–50岁",
  "51-55": "51–55岁",
  "56-60": "56–60岁",
  gt60: "60岁以上",
  unknown: "年龄不详",
};

const MEN = "#4e79a7";
const WOMEN = "#e15759";

/**
 * Age pyramid by gender: persons per age band, men to the left, women to the
 * right, the youngest band at the bottom. `data`: rows {category (an AGE_BAND
 * key), men, women, unknown_gender} of one term, body and scope; missing bands
 * count 0. Persons of unknown gender are not drawn; a line under it counts them.
 */
export function agePyramid(data, { width = 640, title = "年龄结构", height } = {}) {
  const byBand = new Map(data.map((d) => [d.category, d]));
  const bands = Object.keys(AGE_BAND).filter((k) => k !== "unknown" || byBand.has("unknown"));
  const rows = bands.flatMap((k) => {
    const d = byBand.get(k);
    return [
      { band: AGE_BAND[k], gender: "男", n: d?.men ?? 0 },
      { band: AGE_BAND[k], gender: "女", n: d?.women ?? 0 },
    ];
  });
  const total = sum(data, (d) => d.men + d.women + d.unknown_gender);
  const unknownGender = sum(data, (d) => d.unknown_gender);
  const most = Math.max(1, max(rows, (d) => d.n) ?? 0);
  const share = (n) => (total ? fmtPct((n / total) * 100) : "—");
  const signed = (d) => (d.gender === "男" ? -d.n : d.n);
  // Room for the count labels beyond the longest bar, on either side: the widest label and 8 px.
  const [top, right, bottom, left] = [28, 20, 30, 80];
  const half = Math.max(60, (width - left - right) / 2);
  const room = Math.min(half / 2, textWidth(fmtInt(most), 11) + 8);
  const extent = (most * half) / (half - room);
  const chartHeight = height ?? bands.length * 30 + 70;
  const note = unknownGender ? `另有性别不详 ${fmtInt(unknownGender)} 人,未画出。` : "";
  const x = scaleLinear()
    .domain([-extent, extent])
    .range([left, width - right]);
  const y = scaleBand()
    .domain(bands.map((k) => AGE_BAND[k]).reverse())
    .range([top, chartHeight - bottom])
    .padding(0.1);
  const svg = chartSvg({
    width,
    height: chartHeight + (note ? 24 : 0),
    label: `${title}:年龄与性别金字塔`,
    description: bands
      .map(
        (k) =>
          `${AGE_BAND[k]} 男 ${fmtInt(byBand.get(k)?.men ?? 0)} 人、女 ${fmtInt(byBand.get(k)?.women ?? 0)} 人`,
      )
      .join(";"),
  });
  xAxis(svg, x, {
    y: chartHeight - bottom,
    top,
    ticks: half < 150 ? 4 : 6,
    format: (d) => fmtInt(Math.abs(d)),
    grid: true,
    label: "← 男(人) 女(人)→",
    center: true,
  });
  yAxis(svg, y, { x: left });
  const bar = svg
    .append("g")
    .selectAll("g")
    .data(rows)
    .join("g")
    .attr("transform", (d) => `translate(0,${y(d.band)})`);
  bar
    .append("rect")
    .attr("x", (d) => Math.min(x(0), x(signed(d))))
    .attr("width", (d) => Math.abs(x(signed(d)) - x(0)))
    .attr("height", y.bandwidth())
    .attr("fill", (d) => (d.gender === "男" ? MEN : WOMEN))
    .attr("fill-opacity", (d) => (d.band === AGE_BAND.unknown ? 0.45 : 1))
    .call(titles, (d) => `${d.band} ${d.gender}:${fmtInt(d.n)} 人(占 ${share(d.n)})`);
  bar
    .filter((d) => d.n > 0)
    .append("text")
    .attr("x", (d) => x(signed(d)) + (d.gender === "男" ? -4 : 4))
    .attr("y", y.bandwidth() / 2)
    .attr("dy", "0.32em")
    .attr("text-anchor", (d) => (d.gender === "男" ? "end" : "start"))
    .attr("font-size", 11)
    .text((d) => fmtInt(d.n));
  ruleX(svg, x(0), { y1: top, y2: chartHeight - bottom });
  for (const [text, at, anchor, fill] of [
    ["男", left, "start", MEN],
    ["女", width - right, "end", WOMEN],
  ])
    svg
      .append("text")
      .attr("x", at)
      .attr("y", top - 18)
      .attr("dy", "0.71em")
      .attr("text-anchor", anchor)
      .attr("fill", fill)
      .attr("font-weight", "bold")
      .attr("font-size", 13)
      .text(text);
  caption(svg, note, { x: 0, y: chartHeight + 18 });
  return svg.node();
}
