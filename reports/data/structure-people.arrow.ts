// Framework runs this file; the loader is loaders/structure-people.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { structurePeople } from "../../loaders/structure-people.ts";

await toStdout(structurePeople);
