import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  classifyOffice,
  type Office,
  parseBody,
  parsePositions,
  splitOffices,
} from "../../src/parse/position.ts";

const FC = { seed: 42, numRuns: 500 };
const secretary: Office = { body: "party", position: "secretary" };
const deputy: Office = { body: "party", position: "deputy_secretary" };
const partyMember: Office = { body: "party", position: "member" };
const chair: Office = { body: "committee", position: "chair" };
const viceChair: Office = { body: "committee", position: "vice_chair" };
const committeeMember: Office = { body: "committee", position: "member" };

describe("parsePositions: single offices of the exports.md table", () => {
  it.each([
    ["书记", secretary],
    ["党支部书记", secretary],
    ["党总支书记", secretary],
    ["党委书记", secretary],
    ["支部书记", secretary],
    ["村党支部书记", secretary],
    ["副书记", deputy],
    ["党总支副书记", deputy],
    ["党支部副书记", deputy],
    ["支部委员", partyMember],
    ["党支部委员", partyMember],
    ["党总支委员", partyMember],
    ["党委委员", partyMember],
    ["党组织委员", partyMember],
    ["组织委员", partyMember],
    ["宣传委员", partyMember],
    ["纪检委员", partyMember],
    ["主任", chair],
    ["村委会主任", chair],
    ["村民委员会主任", chair],
    ["居委会主任", chair],
    ["社区居委会主任", chair],
    ["副主任", viceChair],
    ["村委会副主任", viceChair],
    ["居委会副主任", viceChair],
    ["村委会委员", committeeMember],
    ["村委委员", committeeMember],
    ["居委会委员", committeeMember],
    ["村民委员会委员", committeeMember],
    ["居民委员会委员", committeeMember],
    ["妇女委员", committeeMember],
    [" 党支部 书记 ", secretary],
    ["“书记”", secretary],
  ])("%j", (text, office) => {
    expect(parsePositions(text, null, null)).toEqual({ kind: "offices", offices: [office] });
  });
});

describe("parsePositions: several offices", () => {
  it.each([
    ["党支部书记、村委会主任", [secretary, chair]],
    ["书记兼主任", [secretary, chair]],
    ["支部委员/村委委员", [partyMember, committeeMember]],
    ["支部委员／村委委员", [partyMember, committeeMember]],
    ["副书记，副主任", [deputy, viceChair]],
    ["副书记,副主任", [deputy, viceChair]],
    ["书记；主任", [secretary, chair]],
    ["书记;主任", [secretary, chair]],
    ["书记 主任", [secretary, chair]],
    ["书记主任", [secretary, chair]],
    ["党支部书记村委会主任", [secretary, chair]],
    ["书记、主任一肩挑", [secretary, chair]],
    ["书记兼任主任", [secretary, chair]],
    ["书记、书记", [secretary]],
    ["党支部书记、支部书记", [secretary]],
    ["委员、村委会主任", [partyMember, chair]],
  ] as const)("%j", (text, offices) => {
    expect(parsePositions(text, "party", null)).toEqual({ kind: "offices", offices });
  });
});

describe("parsePositions: ordering traps", () => {
  it("tests 第一书记 before 书记, 副书记 before 书记, 副主任 before 主任", () => {
    expect(parsePositions("第一书记", null, null)).toEqual({ kind: "first_secretary" });
    expect(parsePositions("驻村第一书记", null, null)).toEqual({ kind: "first_secretary" });
    expect(parsePositions("村党支部第一书记", null, null)).toEqual({ kind: "first_secretary" });
    expect(parsePositions("副书记", null, null)).toEqual({ kind: "offices", offices: [deputy] });
    expect(parsePositions("副主任", null, null)).toEqual({ kind: "offices", offices: [viceChair] });
  });

  it("reads 委员 of 委员会 as part of the body, not as an office", () => {
    expect(splitOffices("村民委员会主任")).toEqual(["村民委员会主任"]);
    expect(splitOffices("村民委员会委员")).toEqual(["村民委员会委员"]);
    expect(parsePositions("居民委员会副主任", null, null)).toEqual({ kind: "offices", offices: [viceChair] });
  });
});

describe("parsePositions: 委员 alone", () => {
  it("takes the row's body, else the file's body, else is ambiguous", () => {
    expect(parsePositions("委员", "party", "committee")).toEqual({ kind: "offices", offices: [partyMember] });
    expect(parsePositions("委员", null, "committee")).toEqual({
      kind: "offices",
      offices: [committeeMember],
    });
    expect(parsePositions("委员", null, null)).toEqual({ kind: "ambiguous", text: "委员" });
    expect(parsePositions("村委员", null, "party")).toEqual({ kind: "offices", offices: [partyMember] });
    expect(parsePositions("书记、委员", null, null)).toEqual({ kind: "ambiguous", text: "委员" });
  });

  it("reads 两委委员 as ambiguous whatever the body", () => {
    expect(parsePositions("两委委员", "party", "party")).toEqual({ kind: "ambiguous", text: "两委委员" });
    expect(parsePositions('村"两委"委员', "party", null)).toEqual({
      kind: "ambiguous",
      text: '村"两委"委员',
    });
  });
});

describe("parsePositions: first secretary and offices outside the two committees", () => {
  it("is first_secretary only when no elected office remains", () => {
    expect(parsePositions("第一书记兼工作队长", null, null)).toEqual({ kind: "first_secretary" });
    expect(parsePositions("第一书记、党支部书记", null, null)).toEqual({
      kind: "offices",
      offices: [secretary],
      ignored: ["第一书记"],
    });
  });

  it("leaves out other offices next to two-committee offices", () => {
    expect(parsePositions("村委委员兼治保主任", null, null)).toEqual({
      kind: "offices",
      offices: [committeeMember],
      ignored: ["治保主任"],
    });
    expect(parsePositions("党支部委员、团支部书记", null, null)).toEqual({
      kind: "offices",
      offices: [partyMember],
      ignored: ["团支部书记"],
    });
    expect(parsePositions("村委委员、妇女主任", null, null)).toEqual({
      kind: "offices",
      offices: [committeeMember],
      ignored: ["妇女主任"],
    });
  });

  it.each(["团支部书记", "村务监督委员会主任", "监委会主任", "妇女主任", "会计", "村民小组组长"])(
    "reads %j alone as unknown",
    (text) => {
      expect(parsePositions(text, "party", "party")).toEqual({ kind: "unknown", text });
    },
  );
});

describe("parsePositions: unknown and empty", () => {
  it.each([
    ["村长", "村长"],
    ["书记、村长", "村长"],
    ["治安委员", "治安委员"],
    ["abc", "abc"],
  ])("%j is unknown naming %j", (text, part) => {
    expect(parsePositions(text, "party", null)).toEqual({ kind: "unknown", text: part });
  });

  it.each(["", "   ", "、", " / ; ", "兼"])("%j is empty", (text) => {
    expect(parsePositions(text, "party", "committee")).toEqual({ kind: "empty" });
  });

  it("is total: any text gives a result, offices are distinct and well-formed", () => {
    const words = [
      "书记",
      "副",
      "主任",
      "委员",
      "会",
      "第一",
      "党支部",
      "村委",
      "居委",
      "两委",
      "团",
      "、",
      "兼",
      "/",
      " ",
      "x",
    ];
    const body = fc.constantFrom("party" as const, "committee" as const, null);
    for (const text of [
      fc.string({ unit: "grapheme", maxLength: 30 }),
      fc.string({ unit: fc.constantFrom(...words), maxLength: 8 }),
    ]) {
      fc.assert(
        fc.property(text, body, body, (t, rowBody, fileBody) => {
          const result = parsePositions(t, rowBody, fileBody);
          expect(["offices", "first_secretary", "ambiguous", "unknown", "empty"]).toContain(result.kind);
          if (result.kind === "offices") {
            expect(result.offices.length).toBeGreaterThan(0);
            const keys = result.offices.map((o) => `${o.body}/${o.position}`);
            expect(new Set(keys).size).toBe(keys.length);
          }
        }),
        FC,
      );
    }
  });
});

describe("classifyOffice", () => {
  it("reads one office text", () => {
    expect(classifyOffice("村委会主任")).toEqual({ kind: "office", office: chair });
    expect(classifyOffice("委员")).toEqual({ kind: "member_alone" });
    expect(classifyOffice("第一书记")).toEqual({ kind: "first_secretary" });
    expect(classifyOffice("治保主任")).toEqual({ kind: "other" });
    expect(classifyOffice("支部村委委员")).toEqual({ kind: "ambiguous" });
    expect(classifyOffice("村长")).toEqual({ kind: "unknown" });
  });
});

describe("parseBody", () => {
  it.each([
    ["党组织", "party"],
    ["党支部", "party"],
    ["党总支", "party"],
    ["党委", "party"],
    ["村党支部", "party"],
    ["社区党委", "party"],
    ["中共某某村支部委员会", "party"],
    ["党支部委员会", "party"],
    ["party", "party"],
    ["村委会", "committee"],
    ["村民委员会", "committee"],
    ["居委会", "committee"],
    ["居民委员会", "committee"],
    ["社区居委会", "committee"],
    [" 村委会 ", "committee"],
    ["Committee", "committee"],
  ] as const)("%j → %s", (text, body) => {
    expect(parseBody(text)).toBe(body);
  });

  it.each([
    "两委",
    '村"两委"',
    "村“两委”",
    "党支部和村委会",
    "团支部",
    "村务监督委员会",
    "妇联",
    "班子",
    "abc",
  ])("%j is invalid", (text) => {
    expect(parseBody(text)).toBe("invalid");
  });

  it("is null for an empty cell and total on any text", () => {
    expect(parseBody("")).toBeNull();
    expect(parseBody(" \u3000")).toBeNull();
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 20 }), (text) => {
        expect([null, "invalid", "party", "committee"]).toContain(parseBody(text));
      }),
      FC,
    );
  });
});
