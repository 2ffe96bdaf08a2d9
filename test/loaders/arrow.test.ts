/**
 * loaders/lib/arrow.ts `arrowBytes` with `narrow`: the narrowest types that hold the values, decoded by
 * the pages (components/arrow.js, Flechette) to the same rows as without it.
 */
import { type DataType, Dictionary, tableFromIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { arrowBytes, type Rows } from "../../loaders/lib/arrow.ts";
import { structure } from "../../src/warehouse/tables.ts";

// arrow.js is plain JavaScript without types, hence the indirection.
const arrowModule: string = "../../reports/components/arrow.js";
const { arrowRows } = (await import(arrowModule)) as { arrowRows: (b: Uint8Array) => unknown[] };

const kind = (type: DataType): string =>
  type instanceof Dictionary ? `Dictionary<${kind(type.indices)}, ${kind(type.dictionary)}>` : String(type);
const kinds = (bytes: Uint8Array) =>
  Object.fromEntries(tableFromIPC(bytes).schema.fields.map((f) => [f.name, kind(f.type)]));

describe("arrowBytes, narrow", () => {
  it("types each column by the least and greatest of its values, keys by the number of distinct values", () => {
    const rows: Rows = Array.from({ length: 300 }, (_, i) => ({
      few: `类别${i % 3}`,
      many: `乡镇${i % 200}`,
      tiny: i % 2 ? -128 : 127,
      small: i % 2 ? 300 : -32768,
      large: i === 7 ? 604_800 : i,
      huge: i === 9 ? 2 ** 31 : 1,
      fraction: i === 5 ? 0.5 : 1,
      missing: i % 4 ? null : 12,
      empty: null,
    }));
    const columns = Object.keys(rows[0] ?? {});
    const narrow = arrowBytes(rows, columns, undefined, ["few", "many"], { narrow: true });
    const wide = arrowBytes(rows, columns, undefined, ["few", "many"]);
    expect(kinds(narrow)).toEqual({
      few: "Dictionary<Int8, Utf8>",
      many: "Dictionary<Int16, Utf8>",
      tiny: "Int8",
      small: "Int16",
      large: "Int32",
      huge: "Float64",
      fraction: "Float64",
      missing: "Int8",
      empty: "Utf8",
    });
    expect(kinds(wide).many).toBe("Dictionary<Int32, Utf8>");
    expect(kinds(wide).tiny).toBe("Float64");
    expect(narrow.length).toBeLessThan(wide.length);
    expect(arrowRows(narrow)).toEqual(arrowRows(wide));
    expect(arrowRows(narrow)).toEqual(rows);
  });

  it("narrows a warehouse table's INTEGER and BIGINT columns, not its DOUBLE ones, the rows decoded the same", () => {
    const rows: Rows = [2018, 2021].flatMap((term) =>
      ["count", "value"].map((metric, i) => ({
        term,
        scope: "county",
        scope_id: "合成县",
        body: "party",
        metric,
        count: i ? null : 523,
        base: 1_000,
        value: 52.3,
        prev_value: term === 2018 ? null : 50,
        delta: term === 2018 ? null : 2.3,
      })),
    );
    const columns = Object.keys(rows[0] ?? {});
    const dictionary = ["scope", "scope_id", "body", "metric"];
    const narrow = arrowBytes(rows, columns, structure, dictionary, { narrow: true });
    expect(kinds(narrow)).toMatchObject({
      term: "Int16",
      scope: "Dictionary<Int8, Utf8>",
      count: "Int16",
      base: "Int16",
      value: "Float64",
      delta: "Float64",
    });
    expect(arrowRows(narrow)).toEqual(arrowRows(arrowBytes(rows, columns, structure, dictionary)));
  });
});
