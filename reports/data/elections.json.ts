// Framework runs this file; the loader is loaders/elections.ts.
import { electionCounts } from "../../loaders/elections.ts";
import { toStdout } from "../../loaders/lib/loader.ts";

await toStdout(electionCounts);
