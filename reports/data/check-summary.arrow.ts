// Framework runs this file; the loader is loaders/check-summary.ts.
import { checkSummary } from "../../loaders/check-summary.ts";
import { toStdout } from "../../loaders/lib/loader.ts";

await toStdout(checkSummary);
