// Framework runs this file; the loader is loaders/unit-finder.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { unitFinder } from "../../loaders/unit-finder.ts";

await toStdout(unitFinder);
