-- stg_metrics_target_rules: the targets of targets.yaml with the education
-- ordinal and the position list resolved. Grain: one row per target_id.
-- Source: `target_rules` (filled by the metrics runner through the appender).
CREATE OR REPLACE TABLE stg_metrics_target_rules AS
SELECT
    r.ordinal,
    r.target_id,
    r.label,
    r.rule,
    r.body,
    r.gender,
    r.age_max,
    r.age_min,
    e.rank AS education_min_rank,
    r.party_member,
    r.minority,
    CASE WHEN r.positions IS NULL THEN NULL ELSE string_split(r.positions, ',') END AS positions,
    r.at_least,
    r.goal,
    r.applies_to
FROM target_rules AS r
LEFT JOIN stg_metrics_education_levels AS e ON e.level = r.education_min;
