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
