// Framework runs this file; the loader is loaders/manifest.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { manifest } from "../../loaders/manifest.ts";

await toStdout(manifest);
