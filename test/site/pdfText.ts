/**
 * The text of each page of a PDF written by Chromium (Skia), read in node without a PDF library:
 * objects by their /Length, Flate streams inflated, the page tree in order, and each page's content
 * stream decoded through the ToUnicode CMaps of the fonts its resources name. Enough for Chromium's
 * output (no object streams, no encryption); not a general PDF reader.
 */
import { inflateSync } from "node:zlib";

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

export interface PdfPage {
  /** [x0, y0, x1, y1] in points. */
  mediaBox: number[];
  text: string;
}

export function pdfPages(pdf: Buffer): PdfPage[] {
  const objects = readObjects(pdf);
  const get = (id: string): PdfObject => {
    const o = objects.get(id);
    if (!o) throw new Error(`PDF object ${id} missing`);
    return o;
  };
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o.dict));
  const root = catalog?.dict.match(/\/Pages\s+(\d+)\s+0\s+R/)?.[1];
  if (!root) throw new Error("PDF catalog without /Pages");
  const pages: PdfObject[] = [];
  const walk = (id: string) => {
    const o = get(id);
    if (/\/Type\s*\/Pages\b/.test(o.dict)) {
      const kids = o.dict.match(/\/Kids\s*\[([^\]]*)\]/)?.[1] ?? "";
      for (const [, kid] of kids.matchAll(/(\d+)\s+0\s+R/g)) walk(kid as string);
    } else pages.push(o);
  };
  walk(root);
  const cmaps = new Map<string, CMap>();
  const cmapOf = (fontId: string): CMap | null => {
    const ref = get(fontId).dict.match(/\/ToUnicode\s+(\d+)\s+0\s+R/)?.[1];
    if (!ref) return null;
    if (!cmaps.has(ref)) cmaps.set(ref, parseCMap(streamText(get(ref))));
    return cmaps.get(ref) ?? null;
  };
  return pages.map((page) => {
    const mediaBox = (page.dict.match(/\/MediaBox\s*\[([^\]]*)\]/)?.[1] ?? "")
      .trim()
      .split(/\s+/)
      .map(Number);
    const fonts = new Map<string, string>();
    const fontDict = page.dict.match(/\/Font\s*<<([^>]*)>>/)?.[1] ?? "";
    for (const [, name, id] of fontDict.matchAll(/\/([^\s/<>[\]()]+)\s+(\d+)\s+0\s+R/g))
      fonts.set(name as string, id as string);
    const contents = page.dict.match(/\/Contents\s*(\[[^\]]*\]|\d+\s+0\s+R)/)?.[1] ?? "";
    let text = "";
    for (const [, id] of contents.matchAll(/(\d+)\s+0\s+R/g))
      text += decodeContent(streamText(get(id as string)), (name) => {
        const id = fonts.get(name);
        return id ? cmapOf(id) : null;
      });
    return { mediaBox, text };
  });
}

function readObjects(pdf: Buffer): Map<string, PdfObject> {
  const s = pdf.toString("latin1");
  const objects = new Map<string, PdfObject>();
  const pending: [string, string, number][] = [];
  const re = /(?:^|[\r\n])(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null = re.exec(s);
  while (m) {
    const start = m.index + m[0].length;
    const dictEnd = matchDict(s, start);
    const dict = s.slice(start, dictEnd);
    const after = s.slice(dictEnd, dictEnd + 20).match(/^\s*stream\r?\n/);
    if (after) pending.push([m[1] as string, dict, dictEnd + after[0].length]);
    else objects.set(m[1] as string, { dict, stream: null });
    re.lastIndex = after ? dictEnd + after[0].length : dictEnd;
    if (after) {
      // Skip the stream's bytes so that a "0 obj" inside them is never read as an object.
      const length = directLength(dict, objects, s);
      if (length != null) re.lastIndex = dictEnd + after[0].length + length;
    }
    m = re.exec(s);
  }
  for (const [id, dict, begin] of pending) {
    const length = directLength(dict, objects, s);
    const end = length ?? s.indexOf("endstream", begin);
    const raw = pdf.subarray(begin, length != null ? begin + length : end);
    objects.set(id, { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return objects;
}

/** The end of the dictionary (or other value) that starts at `i`. */
function matchDict(s: string, i: number): number {
  if (!s.startsWith("<<", i)) {
    const end = s.indexOf("endobj", i);
    return end < 0 ? s.length : end;
  }
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s.startsWith("<<", j)) {
      depth++;
      j++;
    } else if (s.startsWith(">>", j)) {
      depth--;
      j++;
      if (depth === 0) return j + 1;
    } else if (s[j] === "(") j = skipLiteral(s, j);
  }
  return s.length;
}

function skipLiteral(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === "\\") j++;
    else if (s[j] === "(") depth++;
    else if (s[j] === ")" && --depth === 0) return j;
  }
  return s.length;
}

function directLength(dict: string, objects: Map<string, PdfObject>, s: string): number | null {
  const ref = dict.match(/\/Length\s+(\d+)\s+0\s+R/);
  if (ref) {
    const known = objects.get(ref[1] as string)?.dict;
    const text = known ?? s.match(new RegExp(`(?:^|[\\r\\n])${ref[1]} 0 obj\\s*(\\d+)`))?.[1];
    return text == null ? null : Number(text.trim());
  }
  const direct = dict.match(/\/Length\s+(\d+)/);
  return direct ? Number(direct[1]) : null;
}

function streamText(o: PdfObject): string {
  return (o.stream ?? Buffer.alloc(0)).toString("latin1");
}

interface CMap {
  /** Bytes per character code. */
  width: number;
  map: Map<number, string>;
}

function parseCMap(s: string): CMap {
  const map = new Map<number, string>();
  let width = 1;
  const hex = (h: string) => Number.parseInt(h, 16);
  const unicode = (h: string) => {
    const units: number[] = [];
    for (let i = 0; i < h.length; i += 4) units.push(hex(h.slice(i, i + 4)));
    return String.fromCharCode(...units);
  };
  for (const [, body] of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, src, dst] of (body as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      width = (src as string).length / 2;
      map.set(hex(src as string), unicode(dst as string));
    }
  for (const [, body] of s.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, dst] of (body as string).matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g,
    )) {
      width = (lo as string).length / 2;
      const targets = (dst as string).startsWith("[")
        ? [...(dst as string).matchAll(/<([0-9A-Fa-f]+)>/g)].map((t) => unicode(t[1] as string))
        : null;
      for (let c = hex(lo as string); c <= hex(hi as string); c++) {
        const k = c - hex(lo as string);
        if (targets) map.set(c, targets[k] ?? "");
        else {
          const base = unicode((dst as string).slice(1, -1));
          map.set(c, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + k));
        }
      }
    }
  return { width, map };
}

/** The shown strings of a content stream, each text object (BT … ET) on a line of its own. */
function decodeContent(s: string, fontOf: (name: string) => CMap | null): string {
  let cmap: CMap | null = null;
  let out = "";
  // A marked span with /ActualText stands for its glyphs (Chromium writes the real character there).
  let actual = false;
  const tokens =
    /\/ActualText\s*<([0-9A-Fa-f\s]*)>|\bEMC\b|\/([^\s/<>[\]()]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>|(\((?:\\[\s\S]|[^\\)])*\))|\bET\b/g;
  for (const m of s.matchAll(tokens)) {
    if (m[1] != null) {
      const units = Buffer.from(m[1].replace(/\s+/g, ""), "hex");
      out += units
        .swap16()
        .toString("utf16le")
        .replace(/^\ufeff/, "");
      actual = true;
    } else if (m[0] === "EMC") actual = false;
    else if (m[2] != null) cmap = fontOf(m[2]);
    else if (m[0] === "ET") out += "\n";
    else if (!actual) {
      const bytes =
        m[3] != null
          ? Buffer.from(m[3].replace(/\s+/g, ""), "hex")
          : literalBytes((m[4] as string).slice(1, -1));
      if (!cmap) continue;
      for (let i = 0; i + cmap.width <= bytes.length; i += cmap.width)
        out += cmap.map.get(bytes.readUIntBE(i, cmap.width)) ?? "";
    }
  }
  return out;
}

function literalBytes(s: string): Buffer {
  const bytes: number[] = [];
  const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, "(": 40, ")": 41, "\\": 92 };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c !== "\\") {
      bytes.push(c.charCodeAt(0));
      continue;
    }
    const next = s[++i] as string;
    const octal = s.slice(i).match(/^[0-7]{1,3}/)?.[0];
    if (octal) {
      bytes.push(Number.parseInt(octal, 8));
      i += octal.length - 1;
    } else if (escapes[next] != null) bytes.push(escapes[next] as number);
  }
  return Buffer.from(bytes);
}
