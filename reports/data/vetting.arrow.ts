// Framework runs this file; the loader is loaders/vetting.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { vetting } from "../../loaders/vetting.ts";

await toStdout(vetting);
