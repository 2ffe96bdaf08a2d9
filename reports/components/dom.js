/**
 * h(tag, attributes, ...children): build DOM. Strings and numbers become text
 * nodes (never parsed as HTML), so names from the exports are always text.
 * Attributes: `class`, `data-*`, `aria-*`, `href`… set with setAttribute;
 * `on*` functions become listeners. Falsy children (null, false, "") are skipped.
 * (htl 1.0.0 in node_modules has only an "import" export, which Framework's
 * node resolver cannot bundle, hence this helper.)
 */
export function h(tag, attributes, ...children) {
  const svg = tag.startsWith("svg:");
  const e = svg
    ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attributes ?? {})) {
    if (v == null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  append(e, children);
  return e;
}

function append(e, children) {
  for (const c of children) {
    if (c == null || c === false || c === "") continue;
    if (Array.isArray(c)) append(e, c);
    else if (c instanceof Node) e.append(c);
    else e.append(document.createTextNode(String(c)));
  }
}
