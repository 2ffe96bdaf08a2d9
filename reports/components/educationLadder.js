import * as Plot from "../vendor/plot.js";
import { fmtInt, fmtPct } from "./format.js";
import { EDUCATION } from "./labels.js";

/** Ladder order of data/structure-people.arrow's education levels (EDUCATION's order), unknown last. */
export const EDUCATION_LADDER = [...Object.keys(EDUCATION), "unknown"];
const COLLEGE_PLUS = new Set(["college", "bachelor", "postgraduate"]);
const LABEL = { ...EDUCATION, unknown: "学历不详" };

/**
 * Education ladder: persons per level from 未上学 down to 研究生 (and 学历不详),
 * 大专及以上 highlighted, each bar labelled with its count and its share of all
 * persons (unknowns included, as the college_plus metric counts them).
 * `data`: rows {category (a level or "unknown"), men, women, unknown_gender} of
 * one term, body and scope; missing levels count 0.
 */
export function educationLadder(data, { width, title = "学历结构", height } = {}) {
  const n = new Map(data.map((d) => [d.category, d.men + d.women + d.unknown_gender]));
  const levels = EDUCATION_LADDER.filter((k) => k !== "unknown" || n.get("unknown"));
  const rows = levels.map((k) => ({
    level: k,
    label: LABEL[k],
    n: n.get(k) ?? 0,
    group: COLLEGE_PLUS.has(k) ? "大专及以上" : k === "unknown" ? "不详" : "大专以下",
  }));
  const total = rows.reduce((s, d) => s + d.n, 0);
  const college = rows.filter((d) => COLLEGE_PLUS.has(d.level)).reduce((s, d) => s + d.n, 0);
  const share = (v) => (total ? fmtPct((v / total) * 100) : "—");
  return Plot.plot({
    width,
    height: height ?? levels.length * 28 + 50,
    marginLeft: 70,
    marginRight: 90,
    ariaLabel: `${title}:学历阶梯`,
    ariaDescription: `${rows.map((d) => `${d.label} ${fmtInt(d.n)} 人`).join(";")};大专及以上 ${fmtInt(college)} 人(${share(college)})`,
    caption: `大专及以上 ${fmtInt(college)} 人,占 ${share(college)}。`,
    x: { label: "人数", grid: true, tickFormat: (d) => fmtInt(d), ticks: 5 },
    y: { domain: rows.map((d) => d.label), label: null },
    color: {
      domain: ["大专以下", "大专及以上", "不详"],
      range: ["var(--theme-foreground-faint)", "var(--theme-foreground-focus)", "#ddd"],
    },
    marks: [
      Plot.barX(rows, {
        x: "n",
        y: "label",
        fill: "group",
        title: (d) => `${d.label}:${fmtInt(d.n)} 人(占 ${share(d.n)})`,
      }),
      Plot.text(rows, {
        x: "n",
        y: "label",
        text: (d) => `${fmtInt(d.n)}(${share(d.n)})`,
        dx: 4,
        textAnchor: "start",
        fontSize: 11,
      }),
      Plot.ruleX([0]),
    ],
  });
}
