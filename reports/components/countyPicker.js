import { h } from "./dom.js";
import { jurisdiction } from "./jurisdiction.js";
import { PLACE } from "./labels.js";
import { urlState } from "./urlState.js";

/** The scopes from the nation down to the county (docs/levels.md). */
const DOWN = ["nation", "province", "city", "county"];

/**
 * Above county level, the county whose unit-level lists a page shows (村社, 目标任务's to-do, 选举's failed
 * checks and second rounds): those lists are written per county (`_data/regions/<county slug>/`,
 * loaders/jurisdictions.ts) and fetched when a county is chosen, so no page loads every unit of a province
 * or of the nation. One <select> per level from the one below the warehouse's down to the county (a city:
 * its counties; a province: a city, then its counties; the nation: a province, a city, a county), each
 * filled from `context.json`'s children or the chosen region's `region.json`. The choice lives in the
 * address (`?c=<county slug>`, replaced on change: the page does not follow back and forward through its
 * choices, so none is pushed), so a link or a print opens the same county.
 *
 * Usable with Framework's view(): `value` is the chosen county `{ name, slug }`, or null.
 */
export async function countyPicker(context) {
  const scopes = DOWN.slice(DOWN.indexOf(context.child ?? "county"));
  const state = urlState("c");
  const region = (slug) => jurisdiction("regions", slug).json("region.json");
  // chosen[i]: the place chosen at scopes[i]; options[i]: what may be chosen there.
  const chosen = scopes.map(() => null);
  const options = scopes.map(() => []);
  options[0] = context.children ?? [];
  // An address naming a county: walk up its parents to fill every level above it.
  const asked = state.get() ? await region(state.get()) : null;
  if (asked?.scope === "county") {
    const chain = [asked];
    while (chain.length < scopes.length && chain[0].parent) {
      const up = await region(chain[0].parent.slug);
      if (!up) break;
      chain.unshift(up);
    }
    if (chain.length === scopes.length && options[0].some((p) => p.slug === chain[0].slug))
      for (const [i, place] of chain.entries()) {
        chosen[i] = { name: place.name, slug: place.slug };
        if (i + 1 < scopes.length) options[i + 1] = place.children ?? [];
      }
  }
  const form = h("div", {
    class: "no-print county-picker",
    style: "display:flex;flex-wrap:wrap;gap:1em;align-items:center;font:14px var(--sans-serif)",
  });
  const render = () =>
    form.replaceChildren(
      ...scopes.flatMap((scope, i) =>
        i > 0 && !chosen[i - 1]
          ? []
          : h(
              "label",
              { style: "display:inline-flex;gap:.5em;align-items:center" },
              `选择${PLACE[scope]}`,
              h(
                "select",
                { "data-scope": scope, onchange: (e) => choose(i, e.target.value) },
                h("option", { value: "" }, "请选择…"),
                options[i].map((p) =>
                  h("option", { value: p.slug, selected: chosen[i]?.slug === p.slug }, p.name),
                ),
              ),
            ),
      ),
    );
  const value = () => chosen[scopes.length - 1];
  async function choose(i, slug) {
    const place = options[i].find((p) => p.slug === slug) ?? null;
    chosen[i] = place ? { name: place.name, slug: place.slug } : null;
    for (let j = i + 1; j < scopes.length; j++) {
      chosen[j] = null;
      options[j] = [];
    }
    if (place && i + 1 < scopes.length) options[i + 1] = (await region(place.slug))?.children ?? [];
    render();
    state.set(value()?.slug ?? "");
    form.dispatchEvent(new Event("input", { bubbles: true }));
  }
  render();
  Object.defineProperty(form, "value", { get: value });
  return form;
}
