import * as Plot from "../vendor/plot.js";
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
 * count 0. Persons of unknown gender are not drawn; the caption counts them.
 */
export function agePyramid(data, { width, title = "年龄结构", height } = {}) {
  const byBand = new Map(data.map((d) => [d.category, d]));
  const bands = Object.keys(AGE_BAND).filter((k) => k !== "unknown" || byBand.has("unknown"));
  const rows = bands.flatMap((k) => {
    const d = byBand.get(k);
    return [
      { band: AGE_BAND[k], gender: "男", n: d?.men ?? 0 },
      { band: AGE_BAND[k], gender: "女", n: d?.women ?? 0 },
    ];
  });
  const total = data.reduce((s, d) => s + d.men + d.women + d.unknown_gender, 0);
  const unknownGender = data.reduce((s, d) => s + d.unknown_gender, 0);
  const max = Math.max(1, ...rows.map((d) => d.n));
  const share = (n) => (total ? fmtPct((n / total) * 100) : "—");
  const x = (d) => (d.gender === "男" ? -d.n : d.n);
  // Room for the count labels beyond the longest bar: about 32 px on either side.
  const marginLeft = 80;
  const half = Math.max(60, ((width ?? 640) - marginLeft - 20) / 2);
  const extent = (max * half) / (half - 32);
  return Plot.plot({
    width,
    height: height ?? bands.length * 30 + 70,
    marginTop: 28,
    marginLeft,
    marginRight: 20,
    ariaLabel: `${title}:年龄与性别金字塔`,
    ariaDescription: bands
      .map(
        (k) =>
          `${AGE_BAND[k]} 男 ${fmtInt(byBand.get(k)?.men ?? 0)} 人、女 ${fmtInt(byBand.get(k)?.women ?? 0)} 人`,
      )
      .join(";"),
    caption: unknownGender ? `另有性别不详 ${fmtInt(unknownGender)} 人,未画出。` : undefined,
    x: {
      domain: [-extent, extent],
      label: "← 男(人) 女(人)→",
      labelAnchor: "center",
      tickFormat: (d) => fmtInt(Math.abs(d)),
      grid: true,
      ticks: half < 150 ? 4 : 6,
    },
    y: { domain: bands.map((k) => AGE_BAND[k]).reverse(), label: null },
    color: { domain: ["男", "女"], range: [MEN, WOMEN] },
    marks: [
      Plot.barX(rows, {
        x,
        y: "band",
        fill: "gender",
        fillOpacity: (d) => (d.band === AGE_BAND.unknown ? 0.45 : 1),
        title: (d) => `${d.band} ${d.gender}:${fmtInt(d.n)} 人(占 ${share(d.n)})`,
      }),
      // dx and textAnchor are constants in Plot: one label mark per side.
      ...[
        ["男", -4, "end"],
        ["女", 4, "start"],
      ].map(([gender, dx, textAnchor]) =>
        Plot.text(
          rows.filter((d) => d.gender === gender && d.n > 0),
          { x, y: "band", text: (d) => fmtInt(d.n), dx, textAnchor, fontSize: 11 },
        ),
      ),
      Plot.ruleX([0]),
      Plot.text(["男"], { frameAnchor: "top-left", dy: -18, fill: MEN, fontWeight: "bold", fontSize: 13 }),
      Plot.text(["女"], { frameAnchor: "top-right", dy: -18, fill: WOMEN, fontWeight: "bold", fontSize: 13 }),
    ],
  });
}
