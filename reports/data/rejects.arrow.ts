// Framework runs this file; the loader is loaders/rejects.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { rejects } from "../../loaders/rejects.ts";

await toStdout(rejects);
