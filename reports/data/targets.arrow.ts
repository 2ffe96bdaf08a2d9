// Framework runs this file; the loader is loaders/targets.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { targets } from "../../loaders/targets.ts";

await toStdout(targets);
