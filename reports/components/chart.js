import { max } from "d3-array";
import { axisBottom, axisLeft } from "d3-axis";
import { create } from "d3-selection";

/** Margins of a chart with a bottom axis and a left axis of numbers (px). */
export const MARGIN = { top: 20, right: 20, bottom: 30, left: 40 };

/**
 * The SVG element of a chart, as a d3 selection: `width` × `height`, scaled down with the page (and in
 * print), text in the page's colour and a system font, named for screen readers by `label` and
 * `description` (aria attributes: plain text, never markup).
 */
export function chartSvg({ width = 640, height, label, description }) {
  const svg = create("svg")
    .attr("class", "chart")
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("fill", "currentColor")
    .attr("font-family", "system-ui, sans-serif")
    .attr("font-size", 10)
    .attr("text-anchor", "middle")
    .attr("style", "display: block; max-width: 100%; height: auto; overflow: visible;")
    .attr("aria-label", label);
  if (description != null) svg.attr("aria-description", description);
  return svg;
}

/** A `<title>` (the tooltip, as text) on each element of `selection`, from its datum by `text`. */
export function titles(selection, text) {
  selection.append("title").text(text);
  return selection;
}

/**
 * d3-axis's bottom axis of `x` along y = `y` in `svg`: about `ticks` ticks formatted by `format`, no
 * domain line, vertical grid lines up to y = `top` when `grid`, and `label` under it (at its right end
 * with an arrow, or centred).
 */
export function xAxis(svg, x, { y, top, ticks, format, grid = false, label, center = false }) {
  const g = svg
    .append("g")
    .attr("transform", `translate(0,${y})`)
    .call(
      axisBottom(x)
        .ticks(fitTicks(x, ticks, format))
        .tickFormat(format)
        .tickSizeOuter(0),
    )
    .attr("font-family", null)
    .attr("font-size", null);
  g.select(".domain").remove();
  if (grid)
    g.selectAll(".tick line")
      .clone()
      .attr("y2", top - y)
      .attr("stroke-opacity", 0.1);
  if (label) {
    const [a, b] = x.range();
    g.append("text")
      .attr("x", center ? (a + b) / 2 : b)
      .attr("y", 27)
      .attr("fill", "currentColor")
      .attr("text-anchor", center ? "middle" : "end")
      .text(center ? label : `${label} →`);
  }
  return g;
}

/**
 * d3-axis's left axis of `y` along x = `x` in `svg`: a band scale's names (no tick lines), or a linear
 * scale's ticks formatted by `format` with horizontal grid lines to x = `right` when `grid` and `label`
 * above it with an arrow.
 */
export function yAxis(svg, y, { x, right, ticks, format, grid = false, label }) {
  const band = typeof y.bandwidth === "function";
  const axis = band ? axisLeft(y).tickSize(0).tickPadding(6) : axisLeft(y).ticks(ticks).tickFormat(format);
  const g = svg
    .append("g")
    .attr("transform", `translate(${x},0)`)
    .call(axis.tickSizeOuter(0))
    .attr("font-family", null)
    .attr("font-size", null);
  g.select(".domain").remove();
  if (grid)
    g.selectAll(".tick line")
      .clone()
      .attr("x2", right - x)
      .attr("stroke-opacity", 0.1);
  if (label)
    g.append("text")
      .attr("x", -x + 3)
      .attr("y", y.range()[1] - 10)
      .attr("fill", "currentColor")
      .attr("text-anchor", "start")
      .text(`↑ ${label}`);
  return g;
}

/**
 * At most `ticks` ticks of the horizontal scale `x`, fewer while their labels (by `format`, 10 px) would not
 * fit side by side in its range: large counts (a nation's 600,000) take more room than a county's.
 */
function fitTicks(x, ticks, format) {
  const [a, b] = x.range();
  let n = Math.max(1, Math.round(ticks));
  while (n > 1) {
    const values = x.ticks(n);
    if (values.length * ((max(values, (d) => textWidth(format(d), 10)) ?? 0) + 12) <= Math.abs(b - a) + 24)
      break;
    n--;
  }
  return n;
}

/** Width (px) of the widest label of the vertical scale `y`'s `ticks` ticks by `format`, at 10 px. */
export function tickWidth(y, ticks, format) {
  return max(y.ticks(ticks), (d) => textWidth(format(d), 10)) ?? 0;
}

/** A vertical rule at x = `at` from y = `y1` to `y2` (the zero line, a threshold), dashed by `dash`. */
export function ruleX(svg, at, { y1, y2, stroke = "currentColor", dash } = {}) {
  const line = svg
    .append("line")
    .attr("x1", at)
    .attr("x2", at)
    .attr("y1", y1)
    .attr("y2", y2)
    .attr("stroke", stroke);
  if (dash) line.attr("stroke-dasharray", dash);
  return line;
}

/** A line of text under the chart at y = `y` from x = `x` (what Plot's figure caption said), or nothing. */
export function caption(svg, text, { x, y }) {
  if (!text) return;
  svg
    .append("text")
    .attr("class", "caption")
    .attr("x", x)
    .attr("y", y)
    .attr("font-size", 12)
    .attr("text-anchor", "start")
    .text(text);
}

/** Width of `text` at `size` px, estimated: CJK characters a full em, others about 0.6 em. */
export function textWidth(text, size) {
  let w = 0;
  for (const ch of String(text)) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? size : size * 0.6;
  return w;
}

/**
 * A legend of an ordinal `color` scale drawn in `svg` from (`x`, `y`): a swatch and its name per value,
 * in rows wrapped at `width`. Returns the height it took.
 */
export function swatches(svg, color, { x = 0, y = 0, width, size = 10, fontSize = 12 }) {
  const g = svg.append("g").attr("class", "legend").attr("font-size", fontSize).attr("text-anchor", "start");
  const row = fontSize + 6;
  let cx = x;
  let cy = y;
  for (const value of color.domain()) {
    const w = size + 4 + textWidth(value, fontSize) + 14;
    if (cx > x && cx + w > x + width) {
      cx = x;
      cy += row;
    }
    const item = g.append("g").attr("transform", `translate(${cx},${cy})`);
    item
      .append("rect")
      .attr("width", size)
      .attr("height", size)
      .attr("y", (row - size) / 2 - 3)
      .attr("fill", color(value));
    item
      .append("text")
      .attr("x", size + 4)
      .attr("y", row / 2 - 3)
      .attr("dy", "0.32em")
      .text(value);
    cx += w;
  }
  return color.domain().length ? cy - y + row : 0;
}
