/**
 * Property-based tests (fast-check, fixed seed) of header matching and of the
 * roster loader: every alias still matches under the decorations real exports
 * add, no text makes the matcher throw, and any cell contents through a roster
 * row end accepted, rejected or skipped — never an exception — with no ID
 * number in a finding. (The value parsers have their own properties in
 * test/date.test.ts, test/id-number.test.ts, test/value.test.ts, …)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { personKey } from "../../src/ingest/person-key.ts";
import type { FileContext, RowInput } from "../../src/ingest/row-rules.ts";
import { candidatesRows } from "../../src/ingest/rows/candidates.ts";
import { rosterRows } from "../../src/ingest/rows/roster.ts";
import { unitsRows } from "../../src/ingest/rows/units.ts";
import { votesRows } from "../../src/ingest/rows/votes.ts";
import { makeIdNumber, parseIdNumber } from "../../src/parse/id-number.ts";
import { type Cell, cellText, ExcelDate, type RawRow } from "../../src/read/cell.ts";
import { type FieldSpec, matchHeader, normalizeHeader } from "../../src/read/header.ts";
import type { UnitRow } from "../../src/warehouse/tables.ts";

const FC = { seed: 20210116, numRuns: 300 };
const LOADERS = [unitsRows, rosterRows, votesRows, candidatesRows];
const ALIASES: { field: string; alias: string; fields: readonly FieldSpec[] }[] = LOADERS.flatMap((l) =>
  l.fields.flatMap((f) => f.aliases.map((alias) => ({ field: f.field, alias, fields: l.fields }))),
);

/** Whitespace real header cells carry: spaces, U+3000, tabs, line breaks, NBSP. */
const space = fc.constantFrom(" ", "\u3000", "\n", "\r\n", "\t", "\u00a0", "  ");
const spaces = fc.array(space, { maxLength: 3 }).map((a) => a.join(""));

/** An alias decorated: whitespace around and between characters, brackets in either width. */
function decorated(alias: string): fc.Arbitrary<string> {
  const chars = [...alias];
  return fc
    .tuple(
      spaces,
      fc.array(spaces, { minLength: chars.length, maxLength: chars.length }),
      fc.array(fc.boolean(), { minLength: chars.length, maxLength: chars.length }),
    )
    .map(
      ([before, inner, wide]) =>
        before +
        chars
          .map((c, i) => {
            const w = wide[i] ? { "(": "（", ")": "）" }[c] : { "（": "(", "）": ")" }[c];
            return (w ?? c) + (i < chars.length - 1 ? inner[i] : "");
          })
          .join(""),
    );
}

describe("header matching (property)", () => {
  it("every alias of every export kind matches its field under any decoration", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALIASES).chain((a) => fc.tuple(fc.constant(a), decorated(a.alias))),
        ([a, text]) => {
          expect(normalizeHeader(text)).toBe(normalizeHeader(a.alias));
          // Alone with two other headers of its kind, it is read as that field.
          const others = a.fields.filter((f) => f.field !== a.field).slice(0, 2);
          const row: RawRow = {
            sheet: null,
            rowNumber: 1,
            cells: [text, ...others.map((f) => f.aliases[0] as string)],
          };
          const map = matchHeader(row, a.fields);
          const owner = a.fields.find((f) =>
            f.aliases.some((x) => normalizeHeader(x) === normalizeHeader(a.alias)),
          );
          expect(map?.columns.get(owner?.field ?? "")?.index).toBe(0);
        },
      ),
      { ...FC, numRuns: 1000 },
    );
  });

  it("never throws on any text or cell, and normalising is idempotent", () => {
    const cell: fc.Arbitrary<Cell> = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 20 }), (cells) => {
        for (const l of LOADERS) matchHeader({ sheet: null, rowNumber: 1, cells }, l.fields);
        for (const c of cells) {
          const n = normalizeHeader(cellText(c));
          expect(normalizeHeader(n)).toBe(n);
        }
      }),
      FC,
    );
  });
});

const UNIT: UnitRow = {
  unit_id: "150123100001",
  unit_code: "150123100001",
  township: "城关镇",
  unit: "城关村",
  unit_type: "village",
  key_unit: false,
};
const CTX: FileContext = {
  file: "r.csv",
  term: 2021,
  referenceDate: "2021-01-16",
  body: null,
  units: {
    townships: new Set(["城关镇"]),
    lookup: (t, u) => (t === "城关镇" && u === "城关村" ? UNIT : undefined),
    unitNames: () => ["城关村"],
  },
  personKey: (m) => personKey("test-key-not-secret-0123456789", m),
};

/** Cell contents a roster can hold, likely ones mixed with anything at all. */
const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom(
    "城关镇",
    "城关村",
    "张三",
    "男",
    "女",
    "书记兼主任",
    "委员",
    "驻村第一书记",
    "村委会",
    "党组织",
    "中共党员",
    "大专",
    "1980.03",
    "1972-02-30",
    "2021",
    "合计",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "150123198003150119",
    "15012319800315011x",
    "150123800315011",
  ),
  fc
    .record({
      y: fc.integer({ min: 1900, max: 2020 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ y, m, d }) => makeIdNumber("150123", { year: y, month: m, day: d }, "123")),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.double().map((d) => new ExcelDate(d)),
  fc.constant(null),
);

/** A row's findings never carry an ID number that parses as valid. */
function expectNoId(texts: readonly (string | null)[]): void {
  for (const t of texts)
    for (const m of (t ?? "").matchAll(/(?<![0-9])(\d{17}[\dXx]|\d{15})(?![0-9])/g))
      expect(parseIdNumber(m[1] as string)?.valid, t ?? "").not.toBe(true);
}

describe("roster loader (property)", () => {
  const fields = rosterRows.fields.map((f) => f.field);

  it("any cell contents end accepted, rejected or skipped, never an exception, and no ID in a finding", () => {
    fc.assert(
      fc.property(
        fc.array(anyCell, { minLength: fields.length, maxLength: fields.length }),
        fc.subarray(fields, { minLength: 3 }),
        (cells, present) => {
          const at = { source_file: "r.csv", sheet: null, source_row: 2 };
          const raw: RawRow = { sheet: null, rowNumber: 2, cells };
          const cell = (f: string) => (present.includes(f) ? (cells[fields.indexOf(f)] ?? null) : null);
          const input: RowInput = {
            at,
            raw,
            cell,
            text: (f) => cellText(cell(f)),
            header: (f) => (present.includes(f) ? f : null),
            has: (f) => present.includes(f),
          };
          const out = rosterRows.row(input, CTX);
          expect(["accepted", "rejected", "skipped"]).toContain(out.status);
          if (out.status === "accepted") expect(out.records.length).toBeGreaterThan(0);
          if (out.status === "rejected") expect(out.rejects.length).toBeGreaterThan(0);
          for (const f of [...out.rejects, ...out.warnings]) {
            expect(f.message).toBeTruthy();
            expectNoId([f.value, f.message]);
          }
          for (const r of out.records) expectNoId([r.name]);
        },
      ),
      { ...FC, numRuns: 2000 },
    );
  });
});
