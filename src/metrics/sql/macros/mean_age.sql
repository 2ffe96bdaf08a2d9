-- mean_age: the mean age of the persons with a known age (age_known of them, ages summing to
-- age_sum); NULL when none is known.
CREATE OR REPLACE MACRO mean_age(age_sum, age_known) AS age_sum::DOUBLE / nullif(age_known, 0);
