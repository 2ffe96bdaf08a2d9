/**
 * The warehouse manifest (inputs with sha256 and row counts, warnings by rule, tables), with rule labels.
 *
 * Above county level the manifest lists every input file of every county (≈ 14,000 for the nation, 4.6 MB):
 * the data file keeps everything else, drops `files`, and gives instead `children`, the files' figures per
 * jurisdiction one level down (its counties, cities or provinces: number of files, rows read, accepted,
 * rejected, skipped, files not balanced), in page order; each county's own files are in its region folder
 * (`regions/<county slug>/files.json`, loaders/jurisdictions.ts), fetched when a county is chosen. A county
 * warehouse's file is as it has always been, and so is a warehouse above county level built from raw exports as
 * one dataset (its files name no county: `source_dataset` is written by `huanjie combine`).
 */
import { REJECT_RULES, WARNING_RULES } from "../src/ingest/finding.ts";
import { warehouseJson, withWarehouse } from "../src/warehouse/directory.ts";
import { jsonBytes } from "./lib/json.ts";
import { type Place, perCounty, places, warehouseLevels } from "./lib/levels.ts";

/** A manifest's input file as the pages read it (combine adds `source_dataset`, the county's name). */
export interface ManifestFile {
  source_dataset?: string;
  read?: number | null;
  accepted?: number | null;
  rejected?: number | null;
  skipped?: number | null;
  [key: string]: unknown;
}

const FIGURES = ["read", "accepted", "rejected", "skipped"] as const;

export function manifest(warehouse: string): Promise<Uint8Array> {
  const rules = { ...REJECT_RULES, ...WARNING_RULES };
  const whole = warehouseJson(warehouse, "manifest.json") as {
    level?: string;
    files?: ManifestFile[];
  } | null;
  if (!whole || !perCounty(whole)) return Promise.resolve(jsonBytes({ manifest: whole, rules }));
  return withWarehouse(warehouse, async (wh) => {
    const levels = warehouseLevels(wh);
    const all = await places(wh, levels);
    const byKey = new Map(all.map((p) => [`${p.scope}\u0000${p.name}`, p]));
    // Each county's child of the warehouse (itself when the child level is the county's).
    const childOf = (county: string): Place | undefined => {
      let p = byKey.get(`county\u0000${county}`);
      while (p && p.scope !== levels.child)
        p = p.parent ? byKey.get(`${p.parent.scope}\u0000${p.parent.name}`) : undefined;
      return p;
    };
    const children = all
      .filter((p) => p.scope === levels.child)
      .map(({ scope, name, slug }) => ({
        scope,
        name,
        slug,
        files: 0,
        read: 0,
        accepted: 0,
        rejected: 0,
        skipped: 0,
        unbalanced: 0,
      }));
    const index = new Map(children.map((c) => [c.name, c]));
    for (const f of whole.files ?? []) {
      const child = index.get(childOf(String(f.source_dataset ?? ""))?.name ?? "");
      if (!child) continue;
      child.files++;
      for (const k of FIGURES) child[k] += typeof f[k] === "number" ? f[k] : 0;
      const [read, ...parts] = FIGURES.map((k) => f[k]);
      if (typeof read !== "number" || read !== parts.reduce<number>((s, v) => s + (v ?? 0), 0))
        child.unbalanced++;
    }
    const { files: _, ...rest } = whole;
    return jsonBytes({ manifest: rest, rules, children });
  });
}
