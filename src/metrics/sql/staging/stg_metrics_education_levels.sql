-- stg_metrics_education_levels: the ordinal of every education level
-- (exports.md: none < primary < junior < senior = vocational < college <
-- bachelor < postgraduate). Grain: one row per level.
CREATE OR REPLACE TABLE stg_metrics_education_levels AS
SELECT level, rank::INTEGER AS rank, rank >= 4 AS college_plus
FROM (VALUES
    ('none', 0),
    ('primary', 1),
    ('junior', 2),
    ('senior', 3),
    ('vocational', 3),
    ('college', 4),
    ('bachelor', 5),
    ('postgraduate', 6)
) AS t(level, rank);
