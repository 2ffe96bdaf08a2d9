-- int_election_facts: each election with the candidate-level findings folded in,
-- ready to be turned into one row per check.
-- Grain: one row per election = (term, unit_id, body, office, round).
-- Candidate lists are ordered by votes (highest first), then name, so messages
-- are deterministic.
CREATE OR REPLACE VIEW int_election_facts AS
SELECT
    e.term,
    e.unit_id,
    e.township,
    e.unit,
    e.body,
    e.office,
    e.round,
    e.seats,
    e.entitled,
    e."cast",
    e.valid_ballots,
    e.ballots_issued,
    e.ballots_returned,
    e.candidates,
    e.elected,
    count(b.candidate) FILTER (WHERE b.elected) AS marked_elected,
    min(b.votes) FILTER (WHERE b.elected) AS min_elected_votes,
    max(b.votes) AS max_votes,
    string_agg(b.winner_failure, ';' ORDER BY b.votes DESC, b.candidate)
        FILTER (WHERE b.elected AND NOT b.passes_winner_rule) AS winner_failures,
    string_agg(b.exceeds_failure, ';' ORDER BY b.votes DESC, b.candidate)
        FILTER (WHERE b.exceeds_ballots) AS exceeds_failures
FROM stg_elections AS e
LEFT JOIN int_election_ballots AS b USING (term, unit_id, body, office, round)
GROUP BY ALL;
