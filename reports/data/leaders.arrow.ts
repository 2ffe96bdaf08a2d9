// Framework runs this file; the loader is loaders/leaders.ts.
import { leaders } from "../../loaders/leaders.ts";
import { toStdout } from "../../loaders/lib/loader.ts";

await toStdout(leaders);
