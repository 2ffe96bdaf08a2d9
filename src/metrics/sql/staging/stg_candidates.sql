-- stg_candidates: one registration for the turnover and its vetting outcome.
-- Grain: one row per vetting row (a person may register for one body, for
-- each body on its own row, or without naming a body: body NULL).
-- Source: `candidates`. The reason is trimmed; an empty reason is NULL.
CREATE OR REPLACE VIEW stg_candidates AS
SELECT
    term,
    unit_id,
    township,
    unit,
    body,
    person_key,
    coalesce(party_member, false) AS party_member,
    status,
    nullif(trim(reason), '') AS reason
FROM candidates;
