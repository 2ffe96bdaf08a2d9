-- stg_ballots: one candidate's tally in one election round.
-- Grain: one row per candidate per election = (term, unit_id, body, office, round, source row).
-- Source: `ballots`.
CREATE OR REPLACE VIEW stg_ballots AS
SELECT
    term,
    unit_id,
    body,
    office,
    round,
    candidate,
    person_key,
    votes,
    elected
FROM ballots;
