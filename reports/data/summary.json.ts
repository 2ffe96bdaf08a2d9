// Framework runs this file; the loader is loaders/summary.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { summary } from "../../loaders/summary.ts";

await toStdout(summary);
