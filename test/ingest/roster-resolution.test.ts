import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveRoster } from "../../src/ingest/roster-resolution.ts";
import type { RosterEntry } from "../../src/ingest/rows/roster.ts";
import type { Body, Position, UnitRow } from "../../src/warehouse/tables.ts";
import { inAnyOrder } from "../helpers/term-sets.ts";

const U1: UnitRow = {
  unit_id: "u1",
  unit_code: null,
  township: "甲镇",
  unit: "一村",
  unit_type: "village",
  key_unit: false,
};
const U2: UnitRow = {
  unit_id: "u2",
  unit_code: null,
  township: "甲镇",
  unit: "二村",
  unit_type: "village",
  key_unit: false,
};

let row = 1;
function entry(over: Partial<RosterEntry>): RosterEntry {
  return {
    term: 2021,
    unit: U1,
    body: "party",
    position: "member",
    name: "甲",
    personKey: "k1",
    keyFromId: true,
    gender: "M",
    ethnicity: "汉族",
    birth: { year: 1980, month: 6, day: 15 },
    education: "senior",
    partyMember: true,
    electedOn: null,
    sourceFile: "r.csv",
    sheet: null,
    sourceRow: row++,
    ...over,
  };
}

describe("resolveRoster", () => {
  it("keeps the first of duplicate memberships and rejects a row that only duplicates", () => {
    const r = resolveRoster(
      [entry({ sourceRow: 2 }), entry({ sourceRow: 3, position: "secretary" })],
      "2021-01-16",
      new Map(),
    );
    expect(r.members).toHaveLength(1);
    expect(r.members[0]?.source_row).toBe(2);
    expect(r.dropped).toHaveLength(1);
    expect(r.dropped[0]?.rowRejected).toBe(true);
    expect(r.dropped[0]?.finding.message).toContain("第2行");
  });

  it("keeps the other membership of a combined row whose one office is a duplicate", () => {
    const r = resolveRoster(
      [
        entry({ sourceRow: 2 }),
        entry({ sourceRow: 3, position: "secretary" }),
        entry({ sourceRow: 3, body: "committee", position: "chair" }),
      ],
      "2021-01-16",
      new Map(),
    );
    expect(r.members.map((m) => `${m.body} ${m.position}`)).toEqual(["party member", "committee chair"]);
    expect(r.dropped[0]?.rowRejected).toBe(false);
  });

  it("warns about a person in two units of one body", () => {
    const r = resolveRoster([entry({}), entry({ unit: U2 })], "2021-01-16", new Map());
    expect(r.members).toHaveLength(2);
    expect(r.warnings.map((w) => w.rule)).toEqual(["two_units"]);
  });

  it("takes personal attributes from the party row for every body, with a warning", () => {
    const r = resolveRoster(
      [
        entry({ body: "committee", position: "chair", gender: "F", education: "college", sourceRow: 5 }),
        entry({ body: "party", position: "secretary", gender: "M", education: "bachelor", sourceRow: 9 }),
      ],
      "2021-01-16",
      new Map(),
    );
    expect(r.members.map((m) => [m.body, m.gender, m.education, m.college_plus])).toEqual([
      ["committee", "M", "bachelor", true],
      ["party", "M", "bachelor", true],
    ]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]?.rule).toBe("conflicting_attributes");
    expect(r.warnings[0]?.message).toContain("性别、学历");
  });

  it("measures age at the row's election date, else the unit's first election, else the manifest date", () => {
    const dates = new Map([["u1|committee", "2021-06-15"]]);
    const r = resolveRoster(
      [
        entry({ personKey: "a", electedOn: "2021-06-14" }),
        entry({ personKey: "b", body: "committee" }),
        entry({ personKey: "c", unit: U2 }),
        entry({ personKey: "d", birth: { year: 1980, month: 6, day: null } }),
        entry({ personKey: "e", birth: null }),
      ],
      "2021-01-16",
      dates,
    );
    expect(r.members.map((m) => [m.person_key, m.reference_date, m.age])).toEqual([
      ["a", "2021-06-14", 40],
      ["b", "2021-06-15", 41],
      ["c", "2021-01-16", 40],
      ["d", "2021-01-16", 40],
      ["e", "2021-01-16", null],
    ]);
    expect(r.members[4]?.birth_year).toBeNull();
  });
});

describe("resolveRoster one person at a time (it relates only the rows of one person)", () => {
  /** Everything a resolution produces, in a fixed order. */
  const outcome = (parts: ReturnType<typeof resolveRoster>[]) => ({
    members: inAnyOrder(parts.flatMap((p) => p.members)),
    dropped: inAnyOrder(parts.flatMap((p) => p.dropped)),
    warnings: inAnyOrder(parts.flatMap((p) => p.warnings)),
  });

  it("gives what resolving the whole term at once gives, for any rows", () => {
    // A row: a person (from a small pool, so duplicates, two units and conflicts are common) with one or two offices.
    const rowArb = fc.record({
      person: fc.integer({ min: 1, max: 4 }),
      unit: fc.constantFrom(U1, U2),
      offices: fc.constantFrom<[Body, Position][][]>(
        [["party", "secretary"]],
        [["party", "member"]],
        [["committee", "chair"]],
        [["committee", "member"]],
        [
          ["party", "secretary"],
          ["committee", "chair"],
        ],
      ),
      gender: fc.constantFrom<"F" | "M" | null>("F", "M", null),
      birthMonth: fc.integer({ min: 1, max: 3 }),
      file: fc.constantFrom("a.csv", "b.xlsx"),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 14 }), (rows) => {
        const entries = rows.flatMap((r, i) =>
          r.offices.map(([body, position]) =>
            entry({
              unit: r.unit,
              body,
              position,
              name: `人${r.person}`,
              personKey: `k${r.person}`,
              gender: r.gender,
              birth: { year: 1980, month: r.birthMonth, day: 10 },
              sourceFile: r.file,
              sourceRow: i + 2,
            }),
          ),
        );
        const dates = new Map([["u1|party", "2021-01-10"]]);
        const byPerson = new Map<string, RosterEntry[]>();
        for (const e of entries) byPerson.set(e.personKey, [...(byPerson.get(e.personKey) ?? []), e]);
        const grouped = [...byPerson.values()].map((g) => resolveRoster(g, "2021-01-16", dates));
        expect(outcome(grouped)).toEqual(outcome([resolveRoster(entries, "2021-01-16", dates)]));
      }),
      { seed: 20210116, numRuns: 300 },
    );
  });
});
