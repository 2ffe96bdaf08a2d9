// Framework runs this file; the loader is loaders/township-progress.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { townshipProgress } from "../../loaders/township-progress.ts";

await toStdout(townshipProgress);
