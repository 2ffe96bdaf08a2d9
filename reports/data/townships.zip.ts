// Framework runs this file; the loader is loaders/townships.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { townships } from "../../loaders/townships.ts";

await toStdout(townships);
