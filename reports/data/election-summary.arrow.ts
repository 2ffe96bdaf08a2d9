// Framework runs this file; the loader is loaders/election-summary.ts.
import { electionSummary } from "../../loaders/election-summary.ts";
import { toStdout } from "../../loaders/lib/loader.ts";

await toStdout(electionSummary);
