// Framework runs this file; the loader is loaders/build.ts.
import { build } from "../../loaders/build.ts";
import { toStdout } from "../../loaders/lib/loader.ts";

await toStdout(build);
