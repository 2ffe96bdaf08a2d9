/**
 * Vote tallies and candidate vetting: placeholder until the votes loader lands
 * (issue 3). Listing vote or vetting files in a manifest is refused rather
 * than silently ignored.
 */
import type { InputFile } from "./dataset.ts";
import { InputError } from "./input-error.ts";
import type { BallotRow, CandidateRow, ElectionRow } from "./warehouse.ts";

export interface VotesResult {
  readonly elections: ElectionRow[];
  readonly ballots: BallotRow[];
  /** Earliest election date per `unit_id|body` of the term. */
  readonly electionDates: Map<string, string>;
}

export function refuseUnsupported(files: readonly InputFile[]): void {
  const f = files[0];
  if (f) throw new InputError(f.path, "本版本尚不能读取选举结果和资格审查文件");
}

export type { CandidateRow };
