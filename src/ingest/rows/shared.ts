/**
 * Row steps shared by the vote-tally and vetting row rules: placing a row (its
 * name, unit and term), reading a body cell, and keying a person who has no
 * birth column. The roster rules' own helpers (`resolveUnit`,
 * `termMismatch`, `invalidIdFinding`) live in `roster.ts`.
 */

import { parseIdNumber } from "../../parse/id-number.ts";
import { parseBody } from "../../parse/position.ts";
import { cellText } from "../../read/cell.ts";
import type { Body, UnitRow } from "../../warehouse/tables.ts";
import { type Finding, finding } from "../finding.ts";
import { fallbackMaterial, idMaterial } from "../person-key.ts";
import type { FileContext, RowInput } from "../row-rules.ts";
import { invalidIdFinding, personName, resolveUnit, termMismatch } from "./roster.ts";

/**
 * The name in `nameField` (see `personName`) and the known unit of a
 * row whose term cell, when given, is the manifest term; else the reject:
 * `missing_name` (with `missingMessage`), unknown township or unit, or term mismatch.
 */
export function placeRow(
  input: RowInput,
  ctx: FileContext,
  nameField: string,
  missingMessage: string,
): { name: string; unit: UnitRow } | Finding {
  const name = readPersonName(input, nameField, missingMessage);
  if (typeof name !== "string") return name;
  const unit = resolveUnit(input, ctx);
  if ("rule" in unit) return unit;
  return termMismatch(input, ctx.term ?? 0) ?? { name, unit };
}

/** The name in `nameField` (see `personName`), or the `missing_name` reject worded `missingMessage`. */
export function readPersonName(input: RowInput, nameField: string, missingMessage: string): string | Finding {
  const name = personName(input.text(nameField));
  return name || finding(input.at, input.header(nameField), null, "missing_name", missingMessage);
}

/** The body of the `body` cell; null when empty, or when unreadable (a warning `what"…"无法识别<then>` is pushed). */
export function bodyCell(input: RowInput, warnings: Finding[], what: string, then: string): Body | null {
  const body = parseBody(input.text("body"));
  if (body !== "invalid") return body;
  const text = input.text("body");
  warnings.push(
    finding(input.at, input.header("body"), text, "unknown_value", `${what}"${text}"无法识别,${then}`),
  );
  return null;
}

/**
 * The person_key of a row without a birth column: of the valid ID number,
 * else of `township|unit|name|` (birth unknown). An invalid ID pushes a
 * warning (masked) and is not used.
 */
export function keyWithoutBirth(
  input: RowInput,
  ctx: FileContext,
  unit: UnitRow,
  name: string,
  warnings: Finding[],
): string {
  const idText = cellText(input.cell("id_number"));
  const id = idText ? parseIdNumber(idText) : null;
  if (id && !id.valid) warnings.push(invalidIdFinding(input, idText, id.reason));
  return ctx.personKey(
    id?.valid ? idMaterial(id.normalized) : fallbackMaterial(unit.township, unit.unit, name, null),
  );
}
