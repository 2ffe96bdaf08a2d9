/**
 * The SQL linter (docs/sql.md): every model of src/metrics/sql is parsed by
 * DuckDB itself and held to the project's rules. Each rule is one test that
 * lists every offending file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Model, parseQuery, readModels, readsOf, runOrder } from "../../src/metrics/models.ts";
import type { DuckDBConnection } from "../../src/warehouse/duckdb.ts";
import { INGEST_TABLES, METRIC_TABLES, RUNTIME_TABLES, unitLevels } from "../../src/warehouse/tables.ts";
import { openTestDatabase } from "../helpers/contract.ts";

const models = readModels();
const trees = new Map<string, { statements: { node: Record<string, unknown> }[] }>();
const errors = new Map<string, string>();
let conn: DuckDBConnection;

beforeAll(async () => {
  conn = await openTestDatabase();
  for (const m of models) {
    const parsed = await parseQuery(conn, m.query);
    if ("error" in parsed) errors.set(m.file, parsed.error);
    else trees.set(m.file, parsed.tree as { statements: { node: Record<string, unknown> }[] });
  }
});
afterAll(() => conn.closeSync());

/** Every object of a parse tree. */
function* nodes(tree: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(tree)) for (const t of tree) yield* nodes(t);
  else if (tree && typeof tree === "object") {
    yield tree as Record<string, unknown>;
    for (const v of Object.values(tree)) yield* nodes(v);
  }
}

/** The SQL text without comments, string literals and quoted identifiers. */
function code(sql: string): string {
  return sql.replace(/--[^\n]*|'(?:[^']|'')*'|"(?:[^"]|"")*"/g, " ");
}

/** Keywords the SQL writes in upper case (TRUE/FALSE, function names and types are not checked). */
const KEYWORDS = new Set(
  `SELECT FROM WHERE GROUP BY ORDER HAVING JOIN LEFT RIGHT FULL INNER OUTER CROSS ON USING AS WITH CASE
   WHEN THEN ELSE END AND OR NOT IN IS NULL UNION ALL DISTINCT FILTER OVER PARTITION LATERAL CREATE REPLACE
   TABLE VIEW VALUES UNPIVOT PIVOT INCLUDE NULLS EXCLUDE BETWEEN EXISTS LIKE LIMIT DESC ASC INTERVAL GROUPING
   SETS INTO`.split(/\s+/),
);
const LAYER_PREFIX = { macros: "", staging: "stg_", intermediate: "int_" } as const;
const MARTS = new Set(METRIC_TABLES.map((t) => t.name));
const INPUTS = new Set([...INGEST_TABLES, unitLevels, ...RUNTIME_TABLES].map((t) => t.name));
const SNAKE = /^[a-z][a-z0-9_]*$/;

function offenders(check: (m: Model) => string | null | undefined): string[] {
  return models.flatMap((m) => {
    const why = check(m);
    return why ? [`${m.file}: ${why}`] : [];
  });
}

describe("SQL models", () => {
  it("parse (DuckDB's parser), one statement each", () => {
    expect([...errors].map(([f, e]) => `${f}: ${e}`)).toEqual([]);
    expect(
      offenders((m) => (trees.get(m.file)?.statements.length === 1 ? null : "not one statement")),
    ).toEqual([]);
  });

  it("each file creates the relation it is named after, and nothing before it", () => {
    expect(
      offenders((m) => {
        if (`${m.layer}/${m.name}.sql` !== m.file) return `creates ${m.name}`;
        const before = code(m.sql.slice(0, m.sql.indexOf("CREATE OR REPLACE"))).trim();
        return before ? `statement before CREATE: ${before.slice(0, 40)}` : null;
      }),
    ).toEqual([]);
  });

  it("are named by layer: stg_*, int_*, marts after a metric table (created as TABLE), macros in macros/ only; every metric table has its mart", () => {
    expect(
      offenders((m) => {
        if ((m.kind === "MACRO") !== (m.layer === "macros"))
          return "a MACRO belongs in macros/, and only there";
        if (m.layer === "marts") {
          if (!MARTS.has(m.name)) return "no metric table of that name in src/warehouse/tables.ts";
          return m.kind === "TABLE" ? null : "a mart is a TABLE";
        }
        return m.name.startsWith(LAYER_PREFIX[m.layer]) ? null : `not ${LAYER_PREFIX[m.layer]}*`;
      }),
    ).toEqual([]);
    const marts = new Set(models.filter((m) => m.layer === "marts").map((m) => m.name));
    expect([...MARTS].filter((t) => !marts.has(t))).toEqual([]);
  });

  it("read only models and the runtime inputs, without cycles", () => {
    const names = new Set(models.map((m) => m.name));
    expect(
      offenders((m) => {
        const unknown = readsOf(trees.get(m.file)).filter((r) => !names.has(r) && !INPUTS.has(r));
        return unknown.length ? `reads unknown ${unknown.join(", ")}` : null;
      }),
    ).toEqual([]);
    const reads = new Map(models.map((m) => [m.name, readsOf(trees.get(m.file))]));
    expect(runOrder(models, reads)).toHaveLength(models.length);
  });

  it("a mart's outer SELECT names the definition's columns in order (no *)", () => {
    const defs = new Map(METRIC_TABLES.map((t) => [t.name, t.columnNames]));
    expect(
      offenders((m) => {
        if (m.layer !== "marts") return null;
        const list = (trees.get(m.file)?.statements[0]?.node.select_list ?? []) as Record<string, unknown>[];
        const got = list.map((e) =>
          e.class === "STAR"
            ? "*"
            : String(e.alias || ((e.column_names as string[] | undefined) ?? []).at(-1)),
        );
        const want = defs.get(m.name) ?? [];
        return got.join(",") === want.join(",")
          ? null
          : `selects ${got.join(", ")}; defined ${want.join(", ")}`;
      }),
    ).toEqual([]);
  });

  it("bind no parameters: runtime values come from the params table", () => {
    expect(
      offenders((m) => {
        const params = [...nodes(trees.get(m.file))].filter((n) => n.class === "PARAMETER");
        return params.length || /\$\{/.test(code(m.sql)) ? "has a parameter or placeholder" : null;
      }),
    ).toEqual([]);
  });

  it("write identifiers (relations, CTEs, aliases) in lower snake case", () => {
    expect(
      offenders((m) => {
        const names: string[] = [m.name];
        for (const n of nodes(trees.get(m.file))) {
          if (typeof n.alias === "string" && n.alias) names.push(n.alias);
          const map = (n.cte_map as { map?: { key: string }[] } | undefined)?.map;
          for (const e of map ?? []) names.push(e.key);
          if (Array.isArray(n.column_name_alias)) names.push(...(n.column_name_alias as string[]));
        }
        const bad = [...new Set(names.filter((x) => !SNAKE.test(x)))];
        return bad.length ? bad.join(", ") : null;
      }),
    ).toEqual([]);
  });

  it("write keywords in upper case", () => {
    expect(
      offenders((m) => {
        const words = code(m.sql).match(/\b[A-Za-z_]+\b/g) ?? [];
        const bad = [...new Set(words.filter((w) => KEYWORDS.has(w.toUpperCase()) && w !== w.toUpperCase()))];
        return bad.length ? bad.join(", ") : null;
      }),
    ).toEqual([]);
  });
});
