-- first_known: an aggregate, the value of the first row (ordered by `rank_by`) that has one; NULL when no row has.
-- A person in several units takes the age of the smallest unit_id that has one (structure, leaders); a
-- person's attributes come from the first row, in attribute order, that states them.
CREATE OR REPLACE MACRO first_known(value, rank_by) AS arg_min(value, rank_by) FILTER (WHERE value IS NOT NULL);
