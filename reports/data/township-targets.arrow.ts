// Framework runs this file; the loader is loaders/township-targets.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { townshipTargets } from "../../loaders/township-targets.ts";

await toStdout(townshipTargets);
