import { h } from "./dom.js";
import { urlState } from "./urlState.js";

/**
 * A labelled <select> usable with Framework's view(): options [[value, text]…].
 * With `param`, the choice lives in the address (`?param=value`, see
 * urlState.js): read on load when it names an option, pushed on change (a
 * choice of view, so back returns to the previous one), restored on back/forward.
 */
export function select(options, { label, value, param } = {}) {
  const state = param ? urlState(param, value) : null;
  const pick = (v) => (options.some(([o]) => o === v) ? v : value);
  const initial = state ? pick(state.get()) : value;
  // A value that is not a choice here (an old link, a day another body lacks) leaves the address.
  if (state && state.get() !== initial) state.set(initial);
  const s = h(
    "select",
    null,
    options.map(([v, t]) => h("option", { value: v, selected: v === initial }, t)),
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
  s.addEventListener("change", () => {
    state?.set(s.value, { push: true });
    form.dispatchEvent(new Event("input", { bubbles: true }));
  });
  state?.onPop(form, (v) => {
    if (s.value === pick(v)) return;
    s.value = pick(v);
    form.dispatchEvent(new Event("input", { bubbles: true }));
  });
  return form;
}
