// Framework runs this file; the loader is loaders/structure.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { structure } from "../../loaders/structure.ts";

await toStdout(structure);
