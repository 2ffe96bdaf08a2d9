// Framework runs this file; the loader is loaders/vetting-reasons.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { vettingReasons } from "../../loaders/vetting-reasons.ts";

await toStdout(vettingReasons);
