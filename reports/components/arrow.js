import { tableFromIPC } from "apache-arrow";

/** Decode an Arrow IPC buffer (from FileAttachment(...).arrayBuffer()) into plain row objects. */
export function arrowRows(buffer) {
  const table = tableFromIPC(new Uint8Array(buffer));
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((n) => table.getChild(n));
  const rows = new Array(table.numRows);
  for (let i = 0; i < table.numRows; ++i) {
    const row = {};
    for (let j = 0; j < names.length; ++j) {
      const v = columns[j].get(i);
      row[names[j]] = typeof v === "bigint" ? Number(v) : v;
    }
    rows[i] = row;
  }
  return rows;
}
