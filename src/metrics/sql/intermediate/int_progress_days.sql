-- int_progress_days: the days of each term's daily progress series.
-- Grain: one row per term × day.
-- The series runs from the term's first election date (the earliest
-- election_date in the tallies or completion date from the roster) to the
-- as-of date D:
--   * D = params.as_of when given, else the latest completion date of the term;
--   * a term that is not the dataset's latest is history: its series ends at
--     the earlier of as_of and its own latest completion date, so an --as-of in
--     the current turnover does not extend the previous one by years of flat rows;
--   * when D is before the first election date, the series is the single day D;
--   * a term with no date at all (and, for the latest term, no as_of) has no days.
CREATE OR REPLACE VIEW int_progress_days AS
WITH bounds AS (
    SELECT
        t.term,
        least(
            (SELECT min(election_date) FROM stg_elections AS e WHERE e.term = t.term),
            (SELECT min(completed_on) FROM int_progress_completion AS c WHERE c.term = t.term)
        ) AS first_day,
        (SELECT max(completed_on) FROM int_progress_completion AS c WHERE c.term = t.term) AS last_day,
        t.term = (SELECT max(term) FROM stg_metrics_terms) AS is_latest,
        (SELECT as_of FROM params) AS as_of
    FROM stg_metrics_terms AS t
),
windows AS (
    SELECT
        term,
        first_day,
        CASE
            WHEN as_of IS NULL THEN last_day
            WHEN is_latest THEN as_of
            WHEN last_day IS NULL THEN NULL
            ELSE least(as_of, last_day)
        END AS as_of_day
    FROM bounds
)
SELECT
    w.term,
    d.day::DATE AS day,
    w.as_of_day
FROM windows AS w
CROSS JOIN LATERAL generate_series(
    least(coalesce(w.first_day, w.as_of_day), w.as_of_day)::TIMESTAMP,
    w.as_of_day::TIMESTAMP,
    INTERVAL 1 DAY
) AS d(day)
WHERE w.as_of_day IS NOT NULL;
