-- stg_metrics_terms: the terms of the dataset and the previous term of each.
-- Grain: one row per term (manifest terms, plus any roster term missing from
-- the manifest). prev_term = the largest smaller term of the dataset (NULL
-- for the first term), as metrics.md "Change against the previous term".
-- Source: `terms`, `members`.
CREATE OR REPLACE TABLE stg_metrics_terms AS
WITH all_terms AS (
    SELECT term FROM terms
    UNION
    SELECT term FROM members
)
SELECT
    term::INTEGER AS term,
    (lag(term) OVER (ORDER BY term))::INTEGER AS prev_term
FROM all_terms;
