// Framework runs this file; the loader is loaders/context.ts.
import { context } from "../../loaders/context.ts";
import { toStdout } from "../../loaders/lib/loader.ts";

await toStdout(context);
