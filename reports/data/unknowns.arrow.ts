// Framework runs this file; the loader is loaders/unknowns.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { unknowns } from "../../loaders/unknowns.ts";

await toStdout(unknowns);
