// Framework runs this file; the loader is loaders/warnings.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { warnings } from "../../loaders/warnings.ts";

await toStdout(warnings);
