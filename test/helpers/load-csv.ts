/**
 * Runs one export kind's row rules over a CSV text through the real ingest driver
 * (`ingestFile`): header matching, skipped rows, the ledger. For row-rule tests
 * that want to see records, rejects and warnings of a few rows.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { InputFile } from "../../src/ingest/dataset.ts";
import { ingestFile, Ledger } from "../../src/ingest/ingest.ts";
import { personKey } from "../../src/ingest/person-key.ts";
import type { RowRules, UnitIndex } from "../../src/ingest/row-rules.ts";
import { countyPlace, unitIndex } from "../../src/ingest/unit-index.ts";
import type { Body, UnitRow } from "../../src/warehouse/tables.ts";
import { tempDir } from "./cli.ts";

/** The person-key secret of row-rule tests. */
export const TEST_KEY = "test-key-not-secret-0123456789";

/** A unit index over the units of a county dataset (as the build makes it). */
export function indexOf(units: readonly UnitRow[]): UnitIndex {
  return unitIndex(units.map(countyPlace));
}

export interface CsvRun<R> {
  records: R[];
  ledger: Ledger;
}

/** Write `lines` as `name` in a temporary folder and read it with `rules` for term 2021. */
export async function loadCsv<R>(
  rules: RowRules<R>,
  lines: readonly string[],
  units: readonly UnitRow[],
  options: { body?: Body | null; name?: string; index?: UnitIndex } = {},
): Promise<CsvRun<R>> {
  const name = options.name ?? `${rules.kind}.csv`;
  const absPath = join(tempDir(), name);
  writeFileSync(absPath, `${lines.join("\n")}\n`);
  const file: InputFile = {
    kind: rules.kind,
    path: name,
    absPath,
    term: 2021,
    body: options.body ?? null,
    sheet: null,
  };
  const ledger = new Ledger();
  const records = await ingestFile(
    file,
    rules,
    {
      file: name,
      term: 2021,
      referenceDate: "2021-01-16",
      body: options.body ?? null,
      units: options.index ?? indexOf(units),
      personKey: (material) => personKey(TEST_KEY, material),
    },
    ledger,
  );
  return { records, ledger };
}
