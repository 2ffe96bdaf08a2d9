#!/usr/bin/env node
// Entry point of the `huanjie` command: runs the TypeScript CLI through tsx.
import { register } from "tsx/esm/api";

process.env.TZ = "UTC";
register();
const { main } = await import("../src/cli/cli.ts");
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
