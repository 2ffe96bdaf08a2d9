/**
 * Self-check of the shipped sample: the reference figures recomputed from the
 * generator's in-memory records with a simple, independent reading of
 * metrics.md, and the committed data/sample compared byte for byte with a
 * fresh `npm run sample`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildCounty, DEFAULT_SEED } from "../../tools/sample/county.ts";
import { writeCounty } from "../../tools/sample/county-files.ts";

const data = buildCounty();
const ROOT = join(import.meta.dirname, "..", "..");

type Ymd = { year: number; month: number; day: number };
const iso = (d: Ymd) => `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
/** 周岁: birthdays passed on or before the reference date. */
function age(birth: Ymd, ref: string): number {
  const [y, m, d] = ref.split("-").map(Number) as [number, number, number];
  return y - birth.year - (m > birth.month || (m === birth.month && d >= birth.day) ? 0 : 1);
}
/** Round half away from zero to one decimal. */
const r1 = (x: number) => (Math.sign(x) * Math.round(Math.abs(x) * 10 + 1e-9)) / 10;
const COLLEGE = ["college", "bachelor", "postgraduate"];

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idValid = (id: string) =>
  /^\d{17}[\dX]$/.test(id) &&
  "10X98765432"[WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0) % 11] === id[17];

interface Row {
  term: number;
  unit: string;
  body: "party" | "committee";
  position: string;
  key: string;
  gender: string;
  age: number;
  college: boolean;
}

/** Membership rows as the pipeline sees them, the reference date per metrics.md "Age". */
function rows(): Row[] {
  const earliest = new Map<string, string>();
  for (const b of data.ballots) {
    const k = `${b.term}|${b.unit.id}|${b.body}`;
    const d = iso(b.date);
    if (!earliest.has(k) || d < (earliest.get(k) ?? "")) earliest.set(k, d);
  }
  const out: Row[] = [];
  for (const term of data.terms) {
    for (const ut of term.units) {
      for (const m of ut.members) {
        const p = m.person;
        const key = idValid(p.idNumber)
          ? p.idNumber
          : `${ut.unit.township}|${ut.unit.name}|${p.name}|${iso(p.birth)}`;
        for (const body of ["party", "committee"] as const) {
          const position = body === "party" ? m.party : m.committee;
          if (position === null) continue;
          const ref = earliest.get(`${term.term}|${ut.unit.id}|${body}`) ?? iso(term.referenceDate);
          const college = !m.eduUnknown && COLLEGE.includes(m.level);
          out.push({
            term: term.term,
            unit: ut.unit.id,
            body,
            position,
            key,
            gender: p.gender,
            age: age(p.birth, ref),
            college,
          });
        }
      }
    }
  }
  return out;
}
const all = rows();

function partyFigures(term: number) {
  const party = all.filter((r) => r.term === term && r.body === "party");
  const persons = new Map(party.map((r) => [r.key, r]));
  const n = persons.size;
  const list = [...persons.values()];
  const count = (p: (r: Row) => boolean) => list.filter(p).length;
  return {
    members: n,
    secretaries: new Set(party.filter((r) => r.position === "secretary").map((r) => r.key)).size,
    deputies: new Set(party.filter((r) => r.position === "deputy_secretary").map((r) => r.key)).size,
    college: count((r) => r.college),
    women: count((r) => r.gender === "F"),
    le40: count((r) => r.age <= 40),
    collegeShare: (count((r) => r.college) / n) * 100,
    womenShare: (count((r) => r.gender === "F") / n) * 100,
    le40Share: (count((r) => r.age <= 40) / n) * 100,
    meanAge: list.reduce((s, r) => s + r.age, 0) / n,
  };
}

/** Units meeting a rule over the distinct persons of both bodies (party row's attributes first). */
function unitsMeeting(term: number, rule: (persons: Row[]) => boolean): number {
  const byUnit = new Map<string, Map<string, Row>>();
  for (const u of data.units) byUnit.set(u.id, new Map());
  for (const r of all.filter((r) => r.term === term)) {
    const persons = byUnit.get(r.unit) as Map<string, Row>;
    if (!persons.has(r.key) || r.body === "party") persons.set(r.key, r);
  }
  return [...byUnit.values()].filter((p) => rule([...p.values()])).length;
}

describe("sample dataset: reference figures", () => {
  const cur = partyFigures(2021);
  const prev = partyFigures(2018);

  it("2021 party committees: 523 members, 160 secretaries, 53 deputies", () => {
    expect([cur.members, cur.secretaries, cur.deputies]).toEqual([523, 160, 53]);
  });

  it("2021 shares: college 158 (30.2 %), women 97 (18.5 %), aged ≤ 40 96 (18.4 %), mean age 48.2", () => {
    expect([cur.college, cur.women, cur.le40]).toEqual([158, 97, 96]);
    expect([r1(cur.collegeShare), r1(cur.womenShare), r1(cur.le40Share), r1(cur.meanAge)]).toEqual([
      30.2, 18.5, 18.4, 48.2,
    ]);
  });

  it("changes against 2018: college +7.6 points, women +2.5 points, mean age −3.2 years", () => {
    expect(r1(cur.collegeShare - prev.collegeShare)).toBe(7.6);
    expect(r1(cur.womenShare - prev.womenShare)).toBe(2.5);
    expect(r1(cur.meanAge - prev.meanAge)).toBe(-3.2);
    expect(prev.secretaries).toBe(160);
  });

  it("two committees per unit: young ≤ 35 in 154 / 72 units, two college in 153, a woman in all 160", () => {
    expect(unitsMeeting(2021, (p) => p.some((r) => r.age <= 35))).toBe(154);
    expect(r1((154 / 160) * 100)).toBe(96.3);
    expect(unitsMeeting(2018, (p) => p.some((r) => r.age <= 35))).toBe(72);
    expect(unitsMeeting(2021, (p) => p.filter((r) => r.college).length >= 2)).toBe(153);
    expect(r1((153 / 160) * 100)).toBe(95.6);
    expect(unitsMeeting(2021, (p) => p.some((r) => r.gender === "F"))).toBe(160);
  });

  it("one shoulder in more than 80 % of 2021 units; committees of legal size", () => {
    const secretary = new Map<string, string>();
    const chair = new Map<string, string>();
    for (const r of all.filter((r) => r.term === 2021)) {
      if (r.position === "secretary") secretary.set(r.unit, r.key);
      if (r.position === "chair") chair.set(r.unit, r.key);
    }
    const same = [...secretary].filter(([u, k]) => chair.get(u) === k).length;
    expect(same / 160).toBeGreaterThan(0.8);
    for (const u of data.units) {
      const size = new Set(
        all.filter((r) => r.term === 2021 && r.unit === u.id && r.body === "committee").map((r) => r.key),
      ).size;
      expect(size).toBeGreaterThanOrEqual(u.type === "village" ? 3 : 5);
      expect(size).toBeLessThanOrEqual(u.type === "village" ? 7 : 9);
    }
  });

  it("units: 150 villages and 10 communities in 9 townships", () => {
    expect(data.units.filter((u) => u.type === "village")).toHaveLength(150);
    expect(data.units.filter((u) => u.type === "community")).toHaveLength(10);
    expect(new Set(data.units.map((u) => u.township)).size).toBe(9);
  });

  it("vetting: 917 registered, 657 party members, 55 disqualified", () => {
    const reg = data.registrants;
    expect(reg).toHaveLength(917);
    expect(reg.filter((r) => r.partyMember)).toHaveLength(657);
    expect(reg.filter((r) => r.status === "disqualified")).toHaveLength(55);
  });

  it("ID numbers: all checksum-valid except exactly three planted ones", () => {
    const persons = new Set([
      ...data.terms.flatMap((t) => t.units.flatMap((u) => u.members.map((m) => m.person))),
    ]);
    expect([...persons].filter((p) => !idValid(p.idNumber))).toHaveLength(3);
  });
});

describe("sample dataset: election checks", () => {
  const elections = new Map<string, (typeof data.ballots)[number][]>();
  for (const b of data.ballots) {
    const k = `${b.unit.id}|${b.body}|${b.office}|${b.round}`;
    elections.set(k, [...(elections.get(k) ?? []), b]);
  }
  const failures: Record<string, string[]> = {};
  const fail = (check: string, unit: string) => {
    failures[check] = [...(failures[check] ?? []), unit];
  };
  for (const rows of elections.values()) {
    const e = rows[0] as (typeof rows)[number];
    const u = e.unit.name;
    const elected = rows.filter((r) => r.elected);
    if (
      e.cast > e.entitled ||
      e.returned > e.issued ||
      e.valid > e.cast ||
      rows.some((r) => r.votes > e.valid)
    )
      fail("ballots_consistent", u);
    if (e.body === "committee" && !(e.cast > e.entitled / 2)) fail("turnout_majority", u);
    if (e.body === "party" && !(e.cast > (e.entitled * 4) / 5)) fail("quorum_four_fifths", u);
    if (e.body === "party" && elected.some((r) => !(r.votes > e.entitled / 2))) fail("winner_majority", u);
    if (e.body === "committee" && e.round === 1 && elected.some((r) => !(r.votes > e.cast / 2)))
      fail("winner_majority", u);
    if (e.body === "committee" && e.round >= 2 && elected.some((r) => !(r.votes >= e.cast / 3)))
      fail("revote_one_third", u);
    if (e.body === "committee" && !(rows.length > e.seats)) fail("competitive", u);
    if (e.body === "party" && e.office === "委员" && !(rows.length >= e.seats * 1.2))
      fail("competitive_20pct", u);
    if (elected.length > e.seats) fail("seats_not_exceeded", u);
    if (elected.length < e.seats) fail("unfilled", u);
  }
  const faultUnit = (kind: string) => data.faults.find((f) => f.kind === kind)?.unit.name;

  it("each planted fault fails exactly once, in its documented unit, and nothing else fails", () => {
    expect(failures).toEqual({
      quorum_four_fifths: [faultUnit("quorum")],
      competitive_20pct: [faultUnit("competition")],
      winner_majority: [faultUnit("half_votes")],
      revote_one_third: [faultUnit("revote")],
      // the unfilled seat, and round 1 of the 另行选举 that precedes the second round
      unfilled: expect.arrayContaining([faultUnit("unfilled"), faultUnit("revote")]),
    });
    // Besides the planted unfilled seat, a round 1 falls short only where a second round follows: the
    // planted one and nine lawful ones (issue 15: a first-round success rate below 100 %).
    const secondRounds = [...new Set(data.ballots.filter((b) => b.round >= 2).map((b) => b.unit.name))];
    expect(secondRounds).toHaveLength(10);
    expect(secondRounds).toContain(faultUnit("revote"));
    expect([...(failures.unfilled ?? [])].sort()).toEqual([faultUnit("unfilled"), ...secondRounds].sort());
  });

  it("vote-tally winners are the roster's members", () => {
    const members = new Set(all.filter((r) => r.term === 2021).map((r) => r.key));
    const winners = data.ballots.filter((b) => b.elected).map((b) => b.candidate);
    for (const p of winners) expect(members.has(p.idNumber) || !idValid(p.idNumber)).toBe(true);
    const partyDays = data.ballots.filter((b) => b.body === "party").map((b) => iso(b.date));
    const committeeDays = data.ballots.filter((b) => b.body === "committee").map((b) => iso(b.date));
    expect(partyDays.sort().at(-1)).toBe("2021-01-16");
    expect(committeeDays.sort().at(-1)).toBe("2021-02-10");
  });
});

describe("sample dataset: files", () => {
  const tmp = mkdtempSync(join(process.env.HUANJIE_TEST_TMP ?? tmpdir(), "huanjie-sample-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("regenerating (what npm run sample runs) reproduces the committed data/sample byte for byte", () => {
    writeCounty(buildCounty(DEFAULT_SEED), tmp);
    const committed = join(ROOT, "data/sample");
    expect(readdirSync(tmp).sort()).toEqual(readdirSync(committed).sort());
    for (const f of readdirSync(committed)) {
      expect(Buffer.compare(readFileSync(join(tmp, f)), readFileSync(join(committed, f))), f).toBe(0);
    }
  });

  it("the 2018 roster is GBK, not UTF-8", () => {
    const bytes = readFileSync(join(ROOT, "data/sample/2018年两委成员花名册.csv"));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(new TextDecoder("gb18030").decode(bytes)).toContain('和林格尔县2018年村(社区)""两委""成员花名册');
  });
});
