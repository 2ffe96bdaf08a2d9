// Framework runs this file; the loader is loaders/progress.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { progress } from "../../loaders/progress.ts";

await toStdout(progress);
