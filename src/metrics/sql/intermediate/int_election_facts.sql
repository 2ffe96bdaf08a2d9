-- int_election_facts: each election with the candidate-level findings folded in,
-- ready to be turned into one row per check.
-- Grain: one row per election = (term, unit_id, body, office, round).
-- Candidate lists are ordered by votes (highest first), then name, so messages
-- are deterministic. The candidates are aggregated per election first, then
-- joined to the elections (an election without candidate rows: marked_elected 0).
CREATE OR REPLACE VIEW int_election_facts AS
WITH candidates AS (
    SELECT
        term,
        unit_id,
        body,
        office,
        round,
        count(candidate) FILTER (WHERE elected) AS marked_elected,
        min(votes) FILTER (WHERE elected) AS min_elected_votes,
        max(votes) AS max_votes,
        string_agg(winner_failure, ';' ORDER BY votes DESC, candidate)
            FILTER (WHERE elected AND NOT passes_winner_rule) AS winner_failures,
        string_agg(exceeds_failure, ';' ORDER BY votes DESC, candidate)
            FILTER (WHERE exceeds_ballots) AS exceeds_failures
    FROM int_election_ballots
    GROUP BY term, unit_id, body, office, round
)
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
    coalesce(c.marked_elected, 0) AS marked_elected,
    c.min_elected_votes,
    c.max_votes,
    c.winner_failures,
    c.exceeds_failures
FROM stg_elections AS e
LEFT JOIN candidates AS c USING (term, unit_id, body, office, round);
