/**
 * Helpers for the tests of `huanjie combine`: small county datasets made
 * from the tiny fixture (another name, other unit codes). The sum-of-parts
 * check is test/helpers/levels.ts's `expectCountyPart`.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES, tempDir } from "./cli.ts";

/**
 * A copy of datasets/tiny named `name`, its 12-digit unit codes starting with `code` (6 digits)
 * instead of 150123: the same people (same ID numbers) in another county; with `targets`, that
 * targets.yaml.
 */
export function tinyCounty(name: string, code: string, dir = tempDir(), targets?: string): string {
  const out = join(dir, name);
  cpSync(join(FIXTURES, "datasets", "tiny"), out, { recursive: true });
  const manifest = join(out, "dataset.yaml");
  let yaml = readFileSync(manifest, "utf8").replace(/^name: .*$/m, `name: ${name}`);
  if (targets !== undefined) {
    writeFileSync(join(out, "targets.yaml"), targets);
    yaml = yaml.replace(/^units: .*$/m, (line) => `${line}\ntargets: targets.yaml`);
  }
  writeFileSync(manifest, yaml);
  const units = join(out, "units.csv");
  writeFileSync(units, readFileSync(units, "utf8").replaceAll(/\b150123(\d{6})\b/g, `${code}$1`));
  return out;
}
