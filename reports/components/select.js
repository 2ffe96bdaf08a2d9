import { h } from "./dom.js";

/** A labelled <select> usable with Framework's view(): options [[value, text]…]. */
export function select(options, { label, value } = {}) {
  const s = h(
    "select",
    null,
    options.map(([v, t]) => h("option", { value: v, selected: v === value }, t)),
  );
  const form = h(
    "label",
    {
      class: "no-print",
      style: "display:inline-flex;gap:.5em;align-items:center;font:14px var(--sans-serif)",
    },
    label,
    s,
  );
  Object.defineProperty(form, "value", { get: () => s.value });
  s.addEventListener("change", () => form.dispatchEvent(new Event("input", { bubbles: true })));
  return form;
}
