/**
 * docs/tables.md states each table's grain (and sort order, where it is not
 * the grain followed by the other columns) and, for metric tables, the
 * columns and types: they must match the definitions of
 * src/warehouse/tables.ts, where they are declared.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { AnyTableDef } from "../../src/warehouse/column.ts";
import {
  INGEST_TABLES,
  METRIC_TABLES,
  unitLevels,
  WRITTEN_RUNTIME_TABLES,
} from "../../src/warehouse/tables.ts";

const doc = readFileSync(new URL("../../docs/tables.md", import.meta.url), "utf8");

interface Documented {
  grain: string[] | null;
  order: string[] | null;
  columns?: string[];
}

const list = (text: string) => text.split(",").map((c) => c.replaceAll("`", "").replace(/\s+/g, " ").trim());

/** What the paragraphs (`**units.parquet**: … Grain a, b; sorted by …`) and table rows say. */
function documented(): Map<string, Documented> {
  const out = new Map<string, Documented>();
  for (const paragraph of doc.split(/\n\s*\n/)) {
    const text = paragraph.replace(/\s*\n\s*/g, " ");
    const names = [...text.matchAll(/^\*\*(\w+)\.parquet\*\*|, \*\*(\w+)\.parquet\*\*/g)].map(
      (m) => m[1] ?? m[2],
    );
    if (!names.length) continue;
    const grain = /No grain/.test(text) ? [] : (/Grain ([^;.]+)[;.]/.exec(text)?.[1] ?? null);
    const order = /sorted by ([^.]+)\./i.exec(text)?.[1] ?? null;
    for (const name of names) {
      out.set(name as string, {
        grain: typeof grain === "string" ? list(grain) : grain,
        order: order ? list(order) : null,
      });
    }
  }
  for (const m of doc.matchAll(/^\| `(\w+)` \| ([^|]+) \| (.+) \|$/gm)) {
    const columns = list((m[3] as string).replace(/\([^)]*\)/g, "").replaceAll("\\|", "|"));
    out.set(m[1] as string, { grain: list(m[2] as string), order: null, columns });
  }
  return out;
}

/** The sort order to document: none when it is the default (the grain, then the other columns). */
function statedOrder(def: AnyTableDef): string[] | null {
  const implied = [...def.grain, ...def.columnNames.filter((c) => !def.grain.includes(c))];
  return def.order.join() === implied.join() ? null : [...def.order];
}

describe("docs/tables.md", () => {
  const docs = documented();
  it.each(
    [...INGEST_TABLES, unitLevels, ...WRITTEN_RUNTIME_TABLES, ...METRIC_TABLES].map(
      (def): [string, AnyTableDef] => [def.name, def],
    ),
  )("%s: grain and sort order as defined", (_name, def) => {
    expect(docs.get(def.name)).toMatchObject({ grain: [...def.grain], order: statedOrder(def) });
  });
  it.each(METRIC_TABLES.map((def): [string, AnyTableDef] => [def.name, def]))(
    "%s: columns and types as defined",
    (_name, def) => {
      expect(docs.get(def.name)?.columns).toEqual(def.columnNames.map((c) => `${c} ${def.columns[c]?.type}`));
    },
  );
});
