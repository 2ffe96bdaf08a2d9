// Framework runs this file; the loader is loaders/township-structure.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { townshipStructure } from "../../loaders/township-structure.ts";

await toStdout(townshipStructure);
