import { h } from "./dom.js";
import { download } from "./download.js";

const SVG_NS = "http://www.w3.org/2000/svg";
/** Computed properties written onto every element of the copy, so it looks the same outside the page. */
const PROPERTIES = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "opacity",
  "color",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "text-anchor",
  "dominant-baseline",
  "paint-order",
];

/**
 * `chart` (an SVG, or an element holding one, e.g. a `resize` container) followed by two
 * buttons that download it as SVG and as PNG (twice its size). The SVG is found when a button is
 * pressed (the largest in `chart`), copied with its computed colours and fonts written inline (theme
 * variables and `currentColor` resolved), on a background of the page's colour. The PNG is drawn
 * from that SVG through a canvas, offline, with the system's CJK fonts.
 */
export function chartDownload(chart, { filename = "图表" } = {}) {
  const svg = () => {
    const all = [...(chart instanceof SVGSVGElement ? [chart] : []), ...chart.querySelectorAll("svg")];
    const area = (s) => s.getBoundingClientRect().width * s.getBoundingClientRect().height;
    return all.reduce((a, b) => (area(b) > area(a) ? b : a));
  };
  const standalone = () => {
    const source = svg();
    const { width, height } = source.getBoundingClientRect();
    const copy = source.cloneNode(true);
    const from = [source, ...source.querySelectorAll("*")];
    const to = [copy, ...copy.querySelectorAll("*")];
    from.forEach((e, i) => {
      const style = getComputedStyle(e);
      const target = to[i];
      target.setAttribute(
        "style",
        PROPERTIES.map((p) => `${p}:${style.getPropertyValue(p)}`)
          .filter((d) => !d.endsWith(":"))
          .join(";"),
      );
    });
    copy.setAttribute("xmlns", SVG_NS);
    copy.setAttribute("width", String(Math.ceil(width)));
    copy.setAttribute("height", String(Math.ceil(height)));
    const background = document.createElementNS(SVG_NS, "rect");
    background.setAttribute("width", "100%");
    background.setAttribute("height", "100%");
    background.setAttribute("fill", getComputedStyle(document.body).backgroundColor || "white");
    copy.prepend(background);
    return { text: new XMLSerializer().serializeToString(copy), width, height };
  };
  const asSvg = () => download(`${filename}.svg`, standalone().text, "image/svg+xml");
  const asPng = async () => {
    const { text, width, height } = standalone();
    const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
    try {
      const image = new Image();
      image.src = url;
      await image.decode();
      const scale = 2;
      const canvas = document.createElement("canvas");
      canvas.width = Math.ceil(width * scale);
      canvas.height = Math.ceil(height * scale);
      const context = canvas.getContext("2d");
      context.scale(scale, scale);
      context.drawImage(image, 0, 0, width, height);
      const png = await new Promise((done) => canvas.toBlob(done, "image/png"));
      download(`${filename}.png`, png, "image/png");
    } finally {
      URL.revokeObjectURL(url);
    }
  };
  return h(
    "div",
    { class: "chart-with-download" },
    chart,
    h(
      "div",
      { class: "chart-download no-print" },
      h("button", { type: "button", onclick: asSvg }, "下载 SVG"),
      h("button", { type: "button", onclick: asPng }, "下载 PNG"),
    ),
  );
}
