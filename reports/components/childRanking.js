import { dataTable } from "./dataTable.js";
import { h } from "./dom.js";
import { fmt1, fmtInt, fmtPct } from "./format.js";

/**
 * The ranking table of the jurisdictions one level down (townships of a county, counties of a city…):
 * their "两委" figures (both bodies together), targets met and completion. `children`: { name, slug, units };
 * `structure` ({ scope_id, metric, value }, body both), `targets` ({ scope_id, met }) and `progress`
 * ({ scope_id, units_done, units_total }, one day) rows of the reported term, by `scope_id` = the child's
 * name; `place`: the children's heading (乡镇, 县…); `href(slug)`: a child's page.
 */
export function childRanking(children, { structure, targets, progress, place, href, filename, name }) {
  const rows = children.map(({ name, slug, units }) => {
    const s = (m) => structure.find((d) => d.scope_id === name && d.metric === m)?.value ?? null;
    const t = targets.filter((d) => d.scope_id === name);
    const p = progress.filter((d) => d.scope_id === name);
    const done = p.reduce((a, d) => a + d.units_done, 0);
    const total = p.reduce((a, d) => a + d.units_total, 0);
    return {
      township: name,
      slug,
      units,
      members: s("members"),
      women: s("women"),
      college_plus: s("college_plus"),
      age_le_35: s("age_le_35"),
      avg_age: s("avg_age"),
      targets_met: t.length ? t.filter((d) => d.met).length : null,
      targets_total: t.length || null,
      progress: total ? (done / total) * 100 : null,
    };
  });
  return dataTable(rows, {
    name,
    filename,
    sort: { key: "progress", reverse: true },
    columns: [
      { key: "township", label: place, render: (v, r) => h("a", { href: href(r.slug) }, v) },
      { key: "units", label: "村社", num: true, format: fmtInt },
      { key: "members", label: "成员", num: true, format: fmtInt },
      { key: "women", label: "女性", num: true, format: fmtPct },
      { key: "college_plus", label: "大专及以上", num: true, format: fmtPct },
      { key: "age_le_35", label: "35岁以下", num: true, format: fmtPct },
      { key: "avg_age", label: "平均年龄", num: true, format: fmt1 },
      {
        key: "targets_met",
        label: "完成目标",
        num: true,
        format: (v, r) => (v == null ? "—" : `${v} / ${r.targets_total}`),
      },
      { key: "progress", label: "换届完成率", num: true, format: fmtPct },
    ],
  });
}
