/**
 * Every site data loader by the data file it makes (reports/data/<file>.ts is its shim).
 * scripts/run-loaders.js runs them from here; test/site/loaders.test.ts checks that each shim has its entry.
 */
import { build } from "./build.ts";
import { bulletin } from "./bulletin.ts";
import { checkFailures } from "./check-failures.ts";
import { checkSummary } from "./check-summary.ts";
import { context } from "./context.ts";
import { electionRounds } from "./election-rounds.ts";
import { electionSummary } from "./election-summary.ts";
import { electionValues } from "./election-values.ts";
import { electionCounts } from "./elections.ts";
import { leaders } from "./leaders.ts";
import type { Loader } from "./lib/loader.ts";
import { manifest } from "./manifest.ts";
import { progress } from "./progress.ts";
import { rejects } from "./rejects.ts";
import { structure } from "./structure.ts";
import { structurePeople } from "./structure-people.ts";
import { summary } from "./summary.ts";
import { targetTodo } from "./target-todo.ts";
import { targets } from "./targets.ts";
import { townshipProgress } from "./township-progress.ts";
import { townshipStructure } from "./township-structure.ts";
import { townshipTargets } from "./township-targets.ts";
import { unitFinder } from "./unit-finder.ts";
import { unknowns } from "./unknowns.ts";
import { vetting } from "./vetting.ts";
import { vettingReasons } from "./vetting-reasons.ts";
import { warnings } from "./warnings.ts";

export const LOADERS: Readonly<Record<string, Loader>> = {
  "build.json": build,
  "bulletin.arrow": bulletin,
  "check-failures.arrow": checkFailures,
  "check-summary.arrow": checkSummary,
  "context.json": context,
  "election-rounds.arrow": electionRounds,
  "election-summary.arrow": electionSummary,
  "election-values.arrow": electionValues,
  "elections.json": electionCounts,
  "leaders.arrow": leaders,
  "manifest.json": manifest,
  "progress.arrow": progress,
  "rejects.arrow": rejects,
  "structure-people.arrow": structurePeople,
  "structure.arrow": structure,
  "summary.json": summary,
  "target-todo.arrow": targetTodo,
  "targets.arrow": targets,
  "township-progress.arrow": townshipProgress,
  "township-structure.arrow": townshipStructure,
  "township-targets.arrow": townshipTargets,
  "unit-finder.arrow": unitFinder,
  "unknowns.arrow": unknowns,
  "vetting-reasons.arrow": vettingReasons,
  "vetting.arrow": vetting,
  "warnings.arrow": warnings,
};
