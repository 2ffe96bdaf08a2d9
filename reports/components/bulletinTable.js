import { bulletinColumns } from "./bulletinColumns.js";
import { h } from "./dom.js";
import { download } from "./download.js";
import { onActivate } from "./onActivate.js";

const collator = new Intl.Collator("zh-CN", { numeric: true });

/**
 * The bulletin table (通报表) of data/bulletin.arrow as bulletinData reads it: one row per
 * jurisdiction below the top scope, the top scope's own row (合计) first and fixed, each value with its
 * rank (ties share a rank) and a background that deepens toward rank 1; a missed target in red. A click on a heading sorts by that column (best first, again
 * for worst first); the Excel download keeps the order shown, with a title row, a bold frozen header,
 * column widths and number formats. Names are set as text, never as markup.
 *
 * `rowHeading`: the heading of the name column (e.g. 乡镇); `title`: the workbook's first row.
 */
export function bulletinTable(data, { rowHeading, title, filename = "通报表" }) {
  if (!data.rows.length) return h("p", { class: "empty" }, "暂无下一级的数据。");
  const columns = bulletinColumns(data.columns);
  const ranked = (key) => data.rows.filter((r) => r.ranks[key] != null).length;
  let sortKey = null;
  let sortDir = 1;
  const order = () => {
    if (sortKey == null) return data.rows;
    const byName = sortKey === "name";
    return data.rows
      .map((r, i) => [r, i])
      .sort(([a, i], [b, j]) => {
        if (byName) return collator.compare(a.scope_id, b.scope_id) * sortDir || i - j;
        const x = a.ranks[sortKey];
        const y = b.ranks[sortKey];
        if (x == null || y == null) return (x == null) - (y == null) || i - j;
        return (x - y) * sortDir || i - j;
      })
      .map(([r]) => r);
  };

  const valueCell = (row, c, total) => {
    const v = row.values[c.key];
    const rank = row.ranks[c.key];
    const n = ranked(c.key);
    const unmet = row.missed?.[c.key] === true;
    const td = h(
      "td",
      {
        class: `num${unmet ? " unmet" : ""}`,
        title: unmet ? `未达到目标值 ${c.goal}%` : null,
        style:
          rank == null || total
            ? null
            : `background: color-mix(in srgb, var(--theme-foreground-focus) ${Math.round((n > 1 ? (n - rank) / (n - 1) : 1) * 40)}%, transparent)`,
      },
      c.text(v),
    );
    if (rank != null) td.append(h("span", { class: "rank", "aria-label": `第${rank}名` }, String(rank)));
    return td;
  };
  const line = (row, total) =>
    h(
      "tr",
      { class: total ? "total" : null },
      h("th", { scope: "row" }, total ? `${row.scope_id}(合计)` : row.scope_id),
      columns.map((c) => valueCell(row, c, total)),
    );

  const heads = [];
  const sortable = (key, text, attrs = {}) => {
    const th = h("th", { scope: "col", tabindex: 0, "data-key": key, ...attrs }, text);
    const toggle = () => {
      sortDir = sortKey === key ? -sortDir : 1;
      sortKey = key;
      update();
    };
    onActivate(th, toggle);
    heads.push(th);
    return th;
  };
  const groups = [];
  for (const c of columns) {
    const last = groups.at(-1);
    if (last && last.group === c.group) last.span++;
    else groups.push({ group: c.group, span: 1 });
  }
  const body = h("tbody");
  const table = h(
    "table",
    { class: "dt bulletin" },
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        sortable("name", rowHeading, { rowspan: 2 }),
        groups.map((g) => h("th", { scope: "colgroup", colspan: g.span, class: "group" }, g.group)),
      ),
      h(
        "tr",
        null,
        columns.map((c) => sortable(c.key, c.sub, { class: "num" })),
      ),
    ),
    h("tbody", { class: "total" }, data.total ? line(data.total, true) : null),
    body,
  );

  function update() {
    for (const th of heads) {
      if (th.dataset.key === sortKey) th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    }
    body.replaceChildren(...order().map((r) => line(r, false)));
  }
  update();

  // The Excel writer (and its zip library) loads only when asked for.
  const workbook = async () => {
    const { xlsx } = await import("./xlsx.js");
    const header = [rowHeading];
    const widths = [{ width: 18 }];
    for (const c of columns) {
      header.push(c.kind === "target" ? `${c.sub}完成率(%)` : `${c.group}${c.sub}`, "名次");
      widths.push(
        { width: c.kind === "target" ? 22 : 14, format: c.format, scale: c.better },
        { width: 6, format: "int" },
      );
    }
    const rowOf = (r, total) => [
      total ? `${r.scope_id}(合计)` : r.scope_id,
      ...columns.flatMap((c) => [c.cell(r.values[c.key]), r.ranks[c.key] ?? null]),
    ];
    const rows = [
      header,
      ...(data.total ? [rowOf(data.total, true)] : []),
      ...order().map((r) => rowOf(r, false)),
    ];
    return xlsx(rows, {
      sheetName: filename,
      title,
      header: true,
      freeze: { rows: 2, columns: 1 },
      columns: widths,
      scaleFrom: data.total ? 1 : 0,
    });
  };
  const bar = h(
    "div",
    { class: "dt-bar" },
    h("span", { class: "muted" }, `共 ${data.rows.length} 个;数字旁为名次,颜色越深名次越前。`),
    h(
      "button",
      {
        type: "button",
        onclick: async () =>
          download(
            `${filename}.xlsx`,
            await workbook(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          ),
      },
      "下载 Excel",
    ),
  );
  // Every row is always rendered (no pager), so the table prints whole as it is (dataTable.js marks its
  // tables the same way only while printing; scripts/pdf.js waits for the mark).
  return h(
    "div",
    { class: "data-table bulletin-table", "data-print": "all" },
    bar,
    h("div", { class: "dt-wrap" }, table),
  );
}
