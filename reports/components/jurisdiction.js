import { arrowRows } from "./arrow.js";

/** A jurisdiction's folder name: its scope's initial and 8 hex digits (loaders/lib/slug.ts). */
const SLUG = /^[a-z][0-9a-f]{8}$/;

/**
 * The data of the jurisdiction a page's address names (`township?t=<slug>`, `region?r=<slug>`): the files
 * the build writes beside the pages, a folder per jurisdiction (`_data/townships/<slug>/`,
 * `_data/regions/<slug>/`: loaders/jurisdictions.ts), fetched from the site's own origin when the page
 * asks for them. `json(name)` is null when the address names no such jurisdiction (nothing is fetched
 * for a value that is not a slug); `arrow(name)` gives the rows of an Arrow file.
 */
export function jurisdiction(kind, slug) {
  const url = (name) => `./_data/${kind}/${slug}/${name}`;
  const get = async (name) => {
    const response = await fetch(url(name));
    if (!response.ok) throw new Error(`${url(name)}: ${response.status}`);
    return response;
  };
  return {
    json: async (name) => {
      if (!SLUG.test(slug ?? "")) return null;
      const response = await fetch(url(name));
      return response.ok ? response.json() : null;
    },
    arrow: async (name) => arrowRows(await (await get(`${name}.arrow`)).arrayBuffer()),
  };
}

/**
 * The township a page's address names and its files: in a county's site `township?t=<slug>` (or
 * `unit?t=<slug>&u=…`), the township's own folder (`_data/townships/<slug>/`); above county level the address
 * also names the county (`township?c=<county slug>&t=<slug>`), whose folder (`_data/regions/<county slug>/`)
 * holds its townships' rows, the unit-level ones in parts of whole townships (`<part>/`, the township's `part`
 * in region.json), so a national site writes a folder per county and a few parts, not one per township
 * (loaders/jurisdictions.ts). `data` is { township, slug, term, prev_term, parent } or null (no such
 * township); `rows(name)` the township's rows of a file; `query` what a link to another page of the same
 * township puts before `t=` (`c=<county slug>&`, or nothing).
 */
export async function townshipOf(search) {
  const county = search.get("c");
  const slug = search.get("t");
  if (county == null) {
    const files = jurisdiction("townships", slug);
    return { data: await files.json("township.json"), rows: files.arrow, query: "" };
  }
  const files = jurisdiction("regions", county);
  const region = await files.json("region.json");
  const child =
    region?.scope === "county"
      ? region.children.find((d) => d.scope === "township" && d.slug === slug)
      : null;
  if (!child) return { data: null, rows: async () => [], query: "" };
  const { term, prev_term } = region;
  const data = {
    township: child.name,
    slug: child.slug,
    term,
    prev_term,
    parent: { scope: region.scope, name: region.name, slug: region.slug },
  };
  // A metric row (structure, targets) is the township's by its scope; a unit's row by its township.
  const own = (d) =>
    "scope" in d ? d.scope === "township" && d.scope_id === child.name : d.township === child.name;
  // The unit-level files are in the township's part of the county's folder (`<part>/units.arrow`…); the
  // metric rows (structure, targets) in the county's folder itself.
  const UNIT_FILES = ["units", "members", "previous", "checks", "failures", "elections"];
  const path = (name) => (UNIT_FILES.includes(name) ? `${Number(child.part ?? 0)}/${name}` : name);
  return {
    data,
    rows: async (name) => (await files.arrow(path(name))).filter(own),
    query: `c=${region.slug}&`,
  };
}
