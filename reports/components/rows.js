/** Row objects of a loader's `{columns, rows}` (reports/data/lib/warehouse.ts `columnar`): each row an array in `columns` order. */
export function tableRows({ columns, rows }) {
  return rows.map((values) => {
    const row = {};
    for (let j = 0; j < columns.length; ++j) row[columns[j]] = values[j];
    return row;
  });
}

/** Row objects of a loader's `{keys, columns, groups}` (reports/data/lib/warehouse.ts `grouped`). */
export function groupedRows({ keys, columns, groups }) {
  const out = [];
  for (const group of groups) {
    const list = group[keys.length];
    for (const values of list) {
      const row = {};
      for (let k = 0; k < keys.length; ++k) row[keys[k]] = group[k];
      for (let j = 0; j < columns.length; ++j) row[columns[j]] = values[j];
      out.push(row);
    }
  }
  return out;
}
