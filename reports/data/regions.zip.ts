// Framework runs this file; the loader is loaders/regions.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { regions } from "../../loaders/regions.ts";

await toStdout(regions);
