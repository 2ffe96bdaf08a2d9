/**
 * The cells of data/bulletin.arrow (a row per cell, in column order) as the bulletin table's parts:
 * its scope and the scope of its rows, its columns (key, kind, metric, target label and goal, which end
 * ranks first), the total row and the rows, each with its values, ranks and missed targets by column key.
 */
export function bulletinData(cells) {
  const columns = new Map();
  const entries = new Map();
  for (const d of cells) {
    if (!columns.has(d.key))
      columns.set(d.key, {
        key: d.key,
        kind: d.kind,
        metric: d.metric,
        label: d.label,
        goal: d.goal,
        better: d.better,
      });
    const id = `${d.total}\u0000${d.scope_id}`;
    if (!entries.has(id))
      entries.set(id, {
        scope: d.scope,
        scope_id: d.scope_id,
        total: d.total,
        values: {},
        ranks: {},
        missed: {},
      });
    const entry = entries.get(id);
    entry.values[d.key] = d.value;
    if (d.rank != null) entry.ranks[d.key] = d.rank;
    if (d.met === false) entry.missed[d.key] = true;
  }
  const all = [...entries.values()];
  const total = all.find((e) => e.total) ?? null;
  const rows = all.filter((e) => !e.total);
  return {
    scope: total?.scope ?? null,
    row_scope: rows[0]?.scope ?? null,
    columns: [...columns.values()],
    total,
    rows,
  };
}
