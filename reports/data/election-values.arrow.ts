// Framework runs this file; the loader is loaders/election-values.ts.
import { electionValues } from "../../loaders/election-values.ts";
import { toStdout } from "../../loaders/lib/loader.ts";

await toStdout(electionValues);
