-- scope_grid: every term (beside its previous term) × every scope of int_metrics_unit_scopes
-- × each of `groups` (the bodies of structure, the roles of leaders): the rows of a mart
-- that has a row also where nothing was counted (then base = 0).
CREATE OR REPLACE MACRO scope_grid(groups) AS TABLE
    SELECT t.term, t.prev_term, s.scope, s.scope_id, g.grp
    FROM stg_metrics_terms AS t
    CROSS JOIN (SELECT DISTINCT scope, scope_id FROM int_metrics_unit_scopes) AS s
    CROSS JOIN (SELECT unnest(groups) AS grp) AS g;
