// Framework runs this file; the loader is loaders/bulletin.ts.
import { bulletin } from "../../loaders/bulletin.ts";
import { toStdout } from "../../loaders/lib/loader.ts";

await toStdout(bulletin);
