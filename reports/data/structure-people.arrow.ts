// Persons (men, women, gender unknown) by age band and by education level, per term × body × scope (county and
// each township): the age pyramid and education ladder of the structure page. Counts only, no person.
// Persons as the structure metrics count them: the pipeline's own int_metrics_persons (party row's
// attributes, party age for "both"); a person in two units of a scope once (metrics.md).
import { existsSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { plan, runModel } from "../../src/metrics/models.ts";
import { literal } from "../../src/warehouse/duckdb.ts";
import { members } from "../../src/warehouse/tables.ts";
import { type Rows, readJson, tableFile, writeArrowRows } from "./lib/warehouse.ts";

// A row per term × body × scope × dimension × category:
// category: le30, 31-35 … gt60, unknown (dimension age_band) | none … postgraduate, unknown (education).
// The few distinct strings repeated on every row are dictionary-encoded.
const KEYS = ["term", "body", "scope", "scope_id", "dimension"];
const COLUMNS = ["category", "men", "women", "unknown_gender"];

const GENDERS = `count(*) FILTER (WHERE gender = 'M')::INTEGER AS men,
    count(*) FILTER (WHERE gender = 'F')::INTEGER AS women,
    count(*) FILTER (WHERE gender IS NULL)::INTEGER AS unknown_gender`;

const AGGREGATE = `
WITH levels AS (
    -- The education level itself (int_metrics_persons keeps its rank): the same rule, party row first.
    SELECT term, person_key,
        first(education ORDER BY body <> 'party', unit_id, source_file, source_row)
            FILTER (WHERE education IS NOT NULL) AS education
    FROM members
    GROUP BY term, person_key
),
scoped AS (
    SELECT p.*, 'county' AS scope, $dataset AS scope_id FROM int_metrics_persons AS p
    UNION ALL
    SELECT p.*, 'township' AS scope, p.township AS scope_id FROM int_metrics_persons AS p
),
persons AS (
    SELECT s.term, s.body, s.scope, s.scope_id, s.person_key,
        arg_min(s.age, s.unit_id) FILTER (WHERE s.age IS NOT NULL) AS age,
        any_value(s.gender) AS gender,
        any_value(l.education) AS education
    FROM scoped AS s
    LEFT JOIN levels AS l USING (term, person_key)
    GROUP BY s.term, s.body, s.scope, s.scope_id, s.person_key
),
banded AS (
    SELECT *,
        CASE
            WHEN age IS NULL THEN 'unknown'
            WHEN age <= 30 THEN 'le30'
            WHEN age > 60 THEN 'gt60'
            ELSE (((age - 31) // 5) * 5 + 31)::VARCHAR || '-' || (((age - 31) // 5) * 5 + 35)::VARCHAR
        END AS age_band
    FROM persons
)
SELECT term, body, scope, scope_id, 'age_band' AS dimension, age_band AS category, ${GENDERS}
FROM banded GROUP BY ALL
UNION ALL
SELECT term, body, scope, scope_id, 'education', coalesce(education, 'unknown'), ${GENDERS}
FROM banded GROUP BY ALL
ORDER BY ALL`;

let rows: Rows = [];
const file = tableFile(members);
if (existsSync(file)) {
  const conn = await (await DuckDBInstance.create(":memory:", { threads: "1" })).connect();
  await conn.run(`CREATE VIEW members AS SELECT * FROM read_parquet(${literal(file)})`);
  await conn.run("CREATE TABLE terms (term INTEGER)"); // prev_term is not needed here
  // int_metrics_persons and the models it reads.
  for (const model of await plan(conn, undefined, ["int_metrics_persons"])) await runModel(conn, model);
  const manifest = readJson("manifest.json") as { dataset?: string } | null;
  const reader = await conn.runAndReadAll(AGGREGATE, { dataset: manifest?.dataset ?? "county" });
  rows = reader.getRowObjectsJS();
}
// Counts as numbers (the query's count(*)::INTEGER), keys as written.
writeArrowRows(
  rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])),
  ),
  [...KEYS, ...COLUMNS],
  undefined,
  ["body", "scope", "scope_id", "dimension", "category"],
);
