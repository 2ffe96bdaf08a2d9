/**
 * One piece of a page's view kept in its address as a query parameter
 * (`?term=2021&township=城关镇&q=社区&sort=-rate`), so that a copied link
 * opens the same view and back/forward restore it.
 *
 * urlState(key, fallback) → {get, set, onPop, element}:
 * - get(): the parameter's value, or `fallback` when absent;
 * - set(value, {push}): write it with history.replaceState (typing, sorting),
 *   or pushState when `push` (a choice of view the user may want to go back
 *   to); the fallback value and "" remove the parameter;
 * - onPop(node, fn): call fn(value) on back/forward while `node` is in the
 *   document (the listener goes away with the node when a cell re-runs).
 * Other parameters (the unit page's `u`…) are left as they are.
 */
export function urlState(key, fallback = "") {
  const get = () => new URLSearchParams(location.search).get(key) ?? fallback;
  return {
    get,
    set(value, { push = false } = {}) {
      const url = new URL(location.href);
      const v = value == null ? "" : String(value);
      if (v === "" || v === String(fallback)) url.searchParams.delete(key);
      else url.searchParams.set(key, v);
      if (url.href === location.href) return;
      if (push) history.pushState(null, "", url);
      else history.replaceState(history.state, "", url);
    },
    onPop(node, fn) {
      const listener = () => {
        if (node.isConnected) fn(get());
        else removeEventListener("popstate", listener);
      };
      addEventListener("popstate", listener);
    },
  };
}
