-- stg_elections: the assembled elections of the vote tallies, as ingest wrote them.
-- Grain: one row per election = (term, unit_id, body, office, round).
-- Source: `elections` (columns of src/warehouse/tables.ts, incl. ballots_issued and
-- ballots_returned, NULL where the export did not give them).
CREATE OR REPLACE VIEW stg_elections AS
SELECT
    term,
    unit_id,
    township,
    unit,
    body,
    office,
    round,
    election_date,
    seats,
    entitled,
    "cast",
    valid_ballots,
    ballots_issued,
    ballots_returned,
    candidates,
    elected
FROM elections;
