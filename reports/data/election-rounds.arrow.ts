// Framework runs this file; the loader is loaders/election-rounds.ts.
import { electionRounds } from "../../loaders/election-rounds.ts";
import { toStdout } from "../../loaders/lib/loader.ts";

await toStdout(electionRounds);
