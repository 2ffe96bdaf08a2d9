// Framework runs this file; the loader is loaders/check-failures.ts.
import { checkFailures } from "../../loaders/check-failures.ts";
import { toStdout } from "../../loaders/lib/loader.ts";

await toStdout(checkFailures);
