import { round1 } from "@huanjie/round";
import { download } from "./download.js";
import { onActivate } from "./onActivate.js";
import { urlState } from "./urlState.js";

/**
 * A data table: click a header to sort, type to search (Chinese substring
 * match on every shown column; several words separated by spaces must all
 * match), pages of `pageSize` rows, and downloads as CSV (UTF-8 with BOM) and
 * XLSX. Cells are always set as text (textContent), never as HTML. Text cells
 * that begin with = + - @ (or tab/CR) are prefixed with ' in the downloads
 * against formula injection.
 *
 * The search and the sort live in the page's address (`?q=…&sort=-key`, see
 * urlState.js); a page with several tables names each one (`name: "rejects"`
 * → `rejects.q`, `rejects.sort`). Printing shows every row, not only the
 * page on screen (beforeprint/afterprint and the print media query), and
 * marks the table `data-print="all"` meanwhile.
 *
 * columns: [{key, label, format?(value, row), value?(row), num?: boolean}]
 */
export function dataTable(
  rows,
  { columns, pageSize = 20, filename = "数据", searchPlaceholder = "搜索…", sort, name = "" } = {},
) {
  columns ??= Object.keys(rows[0] ?? {}).map((key) => ({ key, label: key }));
  columns = columns.map((c) => ({
    ...c,
    value: c.value ?? ((r) => r[c.key]),
    text: (r) => {
      const v = (c.value ?? ((r) => r[c.key]))(r);
      return c.format ? c.format(v, r) : v == null ? "" : String(v);
    },
  }));
  const root = document.createElement("div");
  root.className = "data-table";
  root.dataset.name = name;
  if (!rows.length) {
    const p = document.createElement("p");
    p.className = "empty";
    p.textContent = "暂无数据。";
    root.append(p);
    return root;
  }

  const bar = el("div", "dt-bar");
  const search = el("input");
  search.type = "search";
  search.placeholder = searchPlaceholder;
  search.setAttribute("aria-label", "搜索表格");
  const count = el("span", "muted");
  const printed = el("span", "dt-printed muted");
  const csvButton = button("下载 CSV", () =>
    download(`${filename}.csv`, toCsv(shown()), "text/csv;charset=utf-8"),
  );
  // The Excel writer (and its zip library) loads only when asked for: most visits download nothing.
  const xlsxButton = button("下载 Excel", async () => {
    const { xlsx } = await import("./xlsx.js");
    download(
      `${filename}.xlsx`,
      xlsx(table(shown()), { sheetName: filename, header: true, freeze: { rows: 1 } }),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
  });
  bar.append(search, printed, count, csvButton, xlsxButton);

  const wrap = el("div", "dt-wrap");
  const tableEl = el("table", "dt");
  const thead = el("thead");
  const headRow = el("tr");
  const tbody = el("tbody");
  tableEl.append(thead, tbody);
  thead.append(headRow);
  wrap.append(tableEl);
  const pager = el("div", "dt-pager");
  root.append(bar, wrap, pager);

  const prefix = name ? `${name}.` : "";
  const searchState = urlState(`${prefix}q`);
  const defaultSort = sort?.key == null ? "" : `${sort.reverse ? "-" : ""}${sort.key}`;
  const sortState = urlState(`${prefix}sort`, defaultSort);
  let sortKey = null;
  let sortDir = 1;
  let page = 0;
  let filtered = rows;
  let printing = false;
  const printMedia = matchMedia("print");

  const headers = columns.map((c, i) => {
    const th = el("th", c.num ? "num" : "");
    th.textContent = c.label;
    th.scope = "col";
    th.tabIndex = 0;
    const toggle = () => {
      if (sortKey === i) sortDir = -sortDir;
      else {
        sortKey = i;
        sortDir = 1;
      }
      page = 0;
      sortState.set(`${sortDir < 0 ? "-" : ""}${columns[sortKey].key}`);
      update();
    };
    onActivate(th, toggle);
    headRow.append(th);
    return th;
  });
  /** The search and sort of the address (or the defaults). */
  function restore() {
    search.value = searchState.get();
    const s = sortState.get();
    const i = columns.findIndex((c) => String(c.key) === s.replace(/^-/, ""));
    sortKey = i >= 0 ? i : null;
    sortDir = s.startsWith("-") ? -1 : 1;
  }

  const haystacks = rows.map((r) => normalize(columns.map((c) => c.text(r)).join("\u0001")));
  const index = new Map(rows.map((r, i) => [r, i]));

  function shown() {
    return filtered;
  }
  function table(list) {
    return [columns.map((c) => c.label), ...list.map((r) => columns.map((c) => cellValue(c, r)))].map((row) =>
      row.map(neutralize),
    );
  }
  function toCsv(list) {
    const quote = (v) => {
      const s = v == null ? "" : String(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    return `\ufeff${table(list)
      .map((row) => row.map(quote).join(","))
      .join("\r\n")}\r\n`;
  }

  function update() {
    const terms = normalize(search.value).split(/\s+/).filter(Boolean);
    filtered = terms.length
      ? rows.filter((r) => terms.every((t) => haystacks[index.get(r)].includes(t)))
      : rows;
    if (sortKey != null && sortKey >= 0) {
      const c = columns[sortKey];
      filtered = filtered
        .map((r, i) => [r, i])
        .sort(([a, i], [b, j]) => compare(c.value(a), c.value(b)) * sortDir || i - j)
        .map(([r]) => r);
    }
    headers.forEach((th, i) => {
      if (i === sortKey) th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    const pages = Math.max(1, Math.ceil(filtered.length / pageSize));
    page = Math.min(page, pages - 1);
    tbody.replaceChildren(
      ...(printing ? filtered : filtered.slice(page * pageSize, (page + 1) * pageSize)).map((r) => {
        const tr = el("tr");
        for (const c of columns) {
          const td = el("td", c.num ? "num" : "");
          const v = c.render ? c.render(c.value(r), r) : null;
          if (v instanceof Node) td.append(v);
          else td.textContent = c.text(r);
          tr.append(td);
        }
        return tr;
      }),
    );
    count.textContent = `共 ${filtered.length} 条${filtered.length !== rows.length ? `(全部 ${rows.length} 条)` : ""}`;
    printed.textContent = search.value.trim() ? `搜索“${search.value.trim()}”:` : "";
    root.dataset.print = printing ? "all" : "";
    pager.replaceChildren();
    if (pages > 1) {
      const prev = button("上一页", () => {
        page--;
        update();
      });
      const next = button("下一页", () => {
        page++;
        update();
      });
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
      const at = el("span");
      at.textContent = `第 ${page + 1} / ${pages} 页`;
      pager.append(prev, at, next);
    }
  }
  search.addEventListener("input", () => {
    page = 0;
    searchState.set(search.value);
    update();
  });
  searchState.onPop(root, () => {
    restore();
    page = 0;
    update();
  });
  // Print every row: a browser's print fires beforeprint/afterprint, print emulation only the media
  // query. The listeners go away once a re-run cell has replaced the table.
  const onPrint = (on) => {
    if (!root.isConnected) {
      removeEventListener("beforeprint", before);
      removeEventListener("afterprint", after);
      printMedia.removeEventListener("change", after);
    } else if (printing !== on) {
      printing = on;
      update();
    }
  };
  const before = () => onPrint(true);
  const after = () => onPrint(printMedia.matches);
  addEventListener("beforeprint", before);
  addEventListener("afterprint", after);
  printMedia.addEventListener("change", after);
  restore();
  printing = printMedia.matches;
  update();
  return root;
}

/** Values for downloads: numbers stay numbers, everything else is the shown text. */
function cellValue(c, r) {
  const v = c.value(r);
  if (typeof v === "number" && c.num) return Number.isInteger(v) ? v : round1(v);
  return c.text(r);
}

/** Prefix text that a spreadsheet would read as a formula. */
export function neutralize(v) {
  return typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function normalize(s) {
  return String(s).normalize("NFKC").toLowerCase().trim();
}

const collator = new Intl.Collator("zh-CN", { numeric: true });
function compare(a, b) {
  if (a == null || a === "") return b == null || b === "" ? 0 : 1;
  if (b == null || b === "") return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return a - b;
  return collator.compare(String(a), String(b));
}

function el(tag, className) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  return e;
}

function button(text, onclick) {
  const b = el("button");
  b.type = "button";
  b.textContent = text;
  b.addEventListener("click", onclick);
  return b;
}
