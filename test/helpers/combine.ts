/**
 * Helpers for the tests of `huanjie combine`: small county datasets made
 * from the tiny fixture (another name, other unit codes), and the check that
 * a combined warehouse's rows of an input's jurisdiction equal that input's
 * own rows (township and derived unit ids prefixed with the county).
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { literal, queryRows, withDatabase } from "../../src/warehouse/duckdb.ts";
import { METRIC_TABLES } from "../../src/warehouse/tables.ts";
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

/** A county input's township / derived unit id as the combined warehouse writes it. */
const prefixed = (county: string, column: string, kind: "township" | "unit_id") =>
  kind === "township"
    ? `${literal(county)} || '/' || ${column}`
    : `CASE WHEN regexp_full_match(${column}, '[0-9]{12}') THEN ${column} ELSE ${literal(county)} || '/' || ${column} END`;

/**
 * For every metric table, the rows of county input `input` (warehouse folder, dataset `county`)
 * that are not in the combined warehouse `combined`, and the combined rows of that county that are
 * not in the input (each as `table: row`): empty when the combined county, township and unit rows
 * equal the input's. Progress ranks of the county's own row are left out (NULL in the input, a
 * rank among the combined counties in the output).
 */
export async function countyDifferences(input: string, county: string, combined: string): Promise<string[]> {
  return withDatabase({}, async (conn) => {
    const out: string[] = [];
    await conn.run(`CREATE TABLE units_in AS FROM read_parquet(${literal(join(input, "units.parquet"))})`);
    for (const def of METRIC_TABLES) {
      const columns: readonly string[] = def.columnNames;
      const file = (dir: string) => literal(join(dir, "metrics", `${def.name}.parquet`));
      const cols = columns.filter((c) => !(def.name === "progress" && c === "rank"));
      const mapped = cols.map((c) => {
        if (c === "scope_id" && columns.includes("scope"))
          return `CASE scope WHEN 'township' THEN ${prefixed(county, "scope_id", "township")}
                   WHEN 'unit' THEN ${prefixed(county, "scope_id", "unit_id")} ELSE scope_id END AS scope_id`;
        if (c === "township") return `${prefixed(county, "township", "township")} AS township`;
        if (c === "unit_id") return `${prefixed(county, "unit_id", "unit_id")} AS unit_id`;
        return `"${c}"`;
      });
      const inputRows = `SELECT ${mapped.join(", ")} FROM read_parquet(${file(input)})`;
      const own = columns.includes("scope")
        ? `(scope = 'county' AND scope_id = ${literal(county)}) OR (scope IN ('township', 'unit') AND (scope_id LIKE ${literal(`${county}/%`)} OR scope_id IN (SELECT unit_id FROM units_in)))`
        : `unit_id LIKE ${literal(`${county}/%`)} OR unit_id IN (SELECT unit_id FROM units_in)`;
      const outputRows = `SELECT ${cols.map((c) => `"${c}"`).join(", ")} FROM read_parquet(${file(combined)}) WHERE ${own}`;
      for (const [label, a, b] of [
        ["only in the input", inputRows, outputRows],
        ["only in the combined", outputRows, inputRows],
      ] as const) {
        const rows = await queryRows(conn, `(${a}) EXCEPT ALL (${b})`);
        for (const r of rows.slice(0, 5)) out.push(`${def.name} ${label}: ${JSON.stringify(r)}`);
      }
    }
    return out;
  });
}
