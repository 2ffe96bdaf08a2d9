// Framework runs this file; the loader is loaders/target-todo.ts.

import { toStdout } from "../../loaders/lib/loader.ts";
import { targetTodo } from "../../loaders/target-todo.ts";

await toStdout(targetTodo);
