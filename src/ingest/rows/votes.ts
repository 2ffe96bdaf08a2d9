/**
 * Row rules of vote tallies (选举结果): one row per candidate per election round
 * (shared/spec/exports.md "votes"). Each accepted row becomes one
 * {@link VoteEntry}; `../voting.ts` then assembles the rows of one election
 * (term, unit, body, office, round), checks that they agree, and writes
 * elections and ballots.
 *
 * Reading choices where the spec is silent:
 * - The election-level cells (date, seats, entitled, cast, valid ballots,
 *   ballots issued and returned) may be empty on some rows of an election, as
 *   when an XLSX merges them down the candidate rows; the assembly takes them
 *   from the rows that give them. A cell that is given but unreadable rejects
 *   its row.
 * - The body comes from the row's body cell, else from the office (书记,
 *   副书记 → party; 主任, 副主任 → committee), else from the manifest's body for
 *   the file; none of these: rejected as ambiguous. A body cell that
 *   contradicts the office is rejected.
 * - An empty or absent round is round 1.
 * - An election date of month precision, or one that cannot be read, is
 *   unknown with a warning (the election may still get its date from its
 *   other rows).
 * - Vote tallies have no birth column: a candidate without a valid ID number
 *   gets the person_key of `township|unit|name|` (birth unknown).
 */

import { isoDate, parseDate } from "../../parse/date.ts";
import { maskIdsInText } from "../../parse/id-number.ts";
import { type OfficeText, parseElected, parseInteger, parseOffice, parseRound } from "../../parse/value.ts";
import { cellText } from "../../read/cell.ts";
import type { Body, UnitRow } from "../../warehouse/tables.ts";
import { cellFinding, type Finding, finding, type Location } from "../finding.ts";
import { type FileContext, outcome, type RowInput, type RowRules } from "../row-rules.ts";
import { ID_NUMBER, LEVEL_FIELDS, TERM, TOWNSHIP, UNIT } from "./fields.ts";
import { bodyCell, keyWithoutBirth, placeRow } from "./shared.ts";

/** The integer election-level fields, in the order the row rules read them. */
export const COUNT_FIELDS = [
  "seats",
  "entitled",
  "cast",
  "valid_ballots",
  "ballots_issued",
  "ballots_returned",
] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

/** The election-level fields every row of one election must agree on. */
export const ELECTION_FIELDS = ["election_date", ...COUNT_FIELDS] as const;
export type ElectionField = (typeof ELECTION_FIELDS)[number];

/** How each election-level field is named in messages. */
export const ELECTION_FIELD_LABEL: Record<ElectionField, string> = {
  election_date: "选举日期",
  seats: "应选人数",
  entitled: "应到人数",
  cast: "实到人数",
  valid_ballots: "有效票数",
  ballots_issued: "发出选票数",
  ballots_returned: "收回选票数",
};

/** The smallest accepted value of each count. */
const COUNT_MIN: Record<CountField, number> = {
  seats: 1,
  entitled: 1,
  cast: 0,
  valid_ballots: 0,
  ballots_issued: 0,
  ballots_returned: 0,
};

/**
 * The header each election-level field was read under, for the fields the file has (`header` gives
 * null or undefined for the others).
 */
export function electionHeaders(
  header: (field: ElectionField) => string | null | undefined,
): Partial<Record<ElectionField, string>> {
  const headers: Partial<Record<ElectionField, string>> = {};
  for (const f of ELECTION_FIELDS) {
    const h = header(f);
    if (h !== null && h !== undefined) headers[f] = h;
  }
  return headers;
}

/** One candidate's line of one election round, before the rows of the election are assembled. */
export interface VoteEntry {
  readonly term: number;
  readonly unit: UnitRow;
  readonly body: Body;
  readonly office: OfficeText;
  readonly round: number;
  /** The election-level values this row gives (null: the cell is empty). Dates are `YYYY-MM-DD`. */
  readonly values: Readonly<Record<ElectionField, string | number | null>>;
  /** The header of each election-level column as written, for messages. */
  readonly headers: Readonly<Partial<Record<ElectionField, string>>>;
  readonly candidate: string;
  readonly personKey: string;
  readonly votes: number;
  readonly elected: boolean;
  readonly at: Location;
}

/** The body an office belongs to, or null for 委员 (either body). */
const OFFICE_BODY: Record<OfficeText, Body | null> = {
  委员: null,
  书记: "party",
  副书记: "party",
  主任: "committee",
  副主任: "committee",
};

const BODY_LABEL: Record<Body, string> = { party: "党组织", committee: "村(居)委会" };

function invalid(input: RowInput, field: string, what: string): Finding {
  const text = maskIdsInText(input.text(field));
  return finding(input.at, input.header(field), text, "invalid_value", `${what}"${text}"无法识别`);
}

function missing(input: RowInput, field: string, what: string): Finding {
  return finding(input.at, input.header(field), null, "missing_value", `缺少${what}`);
}

/** The office and body of a row, or its reject (with the warnings raised before it). */
export function readOfficeBody(
  input: RowInput,
  ctx: FileContext,
): { office: OfficeText; body: Body; warnings: Finding[] } | { reject: Finding; warnings: Finding[] } {
  const office = parseOffice(input.cell("office"));
  if (office === "invalid") return { reject: invalid(input, "office", "选举职位"), warnings: [] };
  const warnings: Finding[] = [];
  const rowBody = bodyCell(input, warnings, "班子", "按未填写处理");
  const officeBody = OFFICE_BODY[office];
  if (rowBody && officeBody && rowBody !== officeBody) {
    const reject = cellFinding(
      input,
      "office",
      "invalid_value",
      `选举职位"${office}"不属于${BODY_LABEL[rowBody]}("${input.text("body")}")`,
    );
    return { reject, warnings };
  }
  const body = rowBody ?? officeBody ?? ctx.body;
  if (body === null) {
    const reject = finding(
      input.at,
      input.header("body") ?? input.header("office"),
      input.text("body") || null,
      "ambiguous_body",
      `无法确定这场"${office}"选举属于党组织还是村(居)委会:请填写"组织"列或在清单中为该文件指定 body`,
    );
    return { reject, warnings };
  }
  return { office, body, warnings };
}

/** The round of a row (empty: 1), or its reject. */
export function readRoundCell(input: RowInput): number | Finding {
  const round = parseRound(input.cell("round"));
  return round === "invalid" ? invalid(input, "round", "轮次") : (round ?? 1);
}

/** An election-level count (null when empty), or the reject of an unreadable one. */
export function readCount(input: RowInput, field: CountField): number | null | Finding {
  const n = parseInteger(input.cell(field), { min: COUNT_MIN[field] });
  return n === "invalid" ? invalid(input, field, ELECTION_FIELD_LABEL[field]) : n;
}

/** The election date (`YYYY-MM-DD`, null when empty or unknown, the latter with a warning). */
export function readElectionDate(input: RowInput): { value: string | null; warnings: Finding[] } {
  const date = parseDate(input.cell("election_date"));
  const day = date === null || date === "invalid" ? null : isoDate(date);
  if (date === null || day !== null) return { value: day, warnings: [] };
  const warning = finding(
    input.at,
    input.header("election_date"),
    cellText(input.cell("election_date")),
    "invalid_date",
    date === "invalid" ? "无法识别或不存在的选举日期,按未知处理" : "选举日期只有年月,按未知处理",
  );
  return { value: null, warnings: [warning] };
}

/** The candidate's votes, or the reject of a missing or unreadable count. */
export function readVotes(input: RowInput): number | Finding {
  const votes = parseInteger(input.cell("votes"), { min: 0 });
  if (votes === null) return missing(input, "votes", "得票数");
  return votes === "invalid" ? invalid(input, "votes", "得票数") : votes;
}

/** Whether the candidate was elected, or the reject of a missing or unreadable cell. */
export function readElectedCell(input: RowInput): boolean | Finding {
  const elected = parseElected(input.cell("elected"));
  if (elected === null) return missing(input, "elected", "是否当选");
  return elected === "invalid" ? invalid(input, "elected", "是否当选") : elected;
}

const isFinding = (x: unknown): x is Finding => typeof x === "object" && x !== null && "rule" in x;

export const votesRows: RowRules<VoteEntry> = {
  kind: "votes",
  fields: [
    TOWNSHIP,
    UNIT,
    TERM,
    { field: "body", aliases: ["组织", "选举类型", "班子"] },
    { field: "office", aliases: ["职位", "选举职位", "拟任职务"] },
    { field: "round", aliases: ["轮次", "选举轮次"] },
    { field: "election_date", aliases: ["选举日期", "投票日期"] },
    { field: "seats", aliases: ["应选人数", "应选名额"] },
    { field: "entitled", aliases: ["应到人数", "选民数", "登记选民数", "有选举权人数", "应到会人数"] },
    { field: "cast", aliases: ["实到人数", "实到会人数", "参加投票人数", "投票人数", "到会人数"] },
    { field: "valid_ballots", aliases: ["有效票", "有效票数", "有效选票"] },
    { field: "ballots_issued", aliases: ["发出选票", "发出选票数"] },
    { field: "ballots_returned", aliases: ["收回选票", "收回选票数"] },
    { field: "candidate", aliases: ["候选人", "候选人姓名", "姓名"] },
    ID_NUMBER,
    { field: "votes", aliases: ["得票数", "得票", "赞成票", "赞成票数"] },
    { field: "elected", aliases: ["是否当选", "当选情况"] },
    ...LEVEL_FIELDS,
  ],
  required: ["township", "unit", "candidate", "seats", "entitled", "cast", "votes", "elected"],
  totalsFields: ["candidate", "unit", "township"],
  row(input: RowInput, ctx: FileContext) {
    const at = input.at;
    const term = ctx.term ?? 0;
    const placed = placeRow(input, ctx, "candidate", "缺少候选人姓名");
    if ("rule" in placed) return outcome.rejected(placed);
    const { name: candidate, unit } = placed;

    const officeBody = readOfficeBody(input, ctx);
    const warnings = officeBody.warnings;
    if ("reject" in officeBody) return outcome.rejected(officeBody.reject, warnings);
    const { office, body } = officeBody;

    const round = readRoundCell(input);
    if (isFinding(round)) return outcome.rejected(round, warnings);

    const values: Record<ElectionField, string | number | null> = {
      election_date: null,
      seats: null,
      entitled: null,
      cast: null,
      valid_ballots: null,
      ballots_issued: null,
      ballots_returned: null,
    };
    for (const field of COUNT_FIELDS) {
      const n = readCount(input, field);
      if (isFinding(n)) return outcome.rejected(n, warnings);
      values[field] = n;
    }
    const date = readElectionDate(input);
    warnings.push(...date.warnings);
    values.election_date = date.value;

    const votes = readVotes(input);
    if (isFinding(votes)) return outcome.rejected(votes, warnings);
    const elected = readElectedCell(input);
    if (isFinding(elected)) return outcome.rejected(elected, warnings);

    const personKey = keyWithoutBirth(input, ctx, unit, candidate, warnings);

    return outcome.accepted(
      [
        {
          term,
          unit,
          body,
          office,
          round,
          values,
          headers: electionHeaders((f) => input.header(f)),
          candidate,
          personKey,
          votes,
          elected,
          at,
        },
      ],
      warnings,
    );
  },
};
