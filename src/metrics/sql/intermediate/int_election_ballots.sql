-- int_election_ballots: every candidate of an election with the winner rule of
-- that election's body and round (metrics.md, Election checks).
-- Grain: one row per candidate per election (as stg_ballots).
--   party, any round      : votes > entitled / 2   (超过应到会人数的一半; exactly half fails)
--   committee, round 1    : votes > cast / 2       (获得参加投票的村民过半数的选票)
--   committee, round >= 2 : votes >= cast / 3      (另行选举, 不得少于投票数的三分之一)
-- Comparisons are done on integers (votes * 2 > entitled), never on rounded fractions.
-- The messages (winner_failure, exceeds_failure) are formatted only for the candidates
-- that fail (NULL otherwise): most pass, and int_election_facts aggregates only failures.
CREATE OR REPLACE VIEW int_election_ballots AS
WITH judged AS (
    SELECT
        b.term,
        b.unit_id,
        b.body,
        b.office,
        b.round,
        b.candidate,
        b.votes,
        b.elected,
        e.entitled,
        e."cast",
        e.valid_ballots,
        CASE
            WHEN b.body = 'party' THEN 'winner_majority'
            WHEN b.round = 1 THEN 'winner_majority'
            ELSE 'revote_one_third'
        END AS winner_rule,
        CASE
            WHEN b.body = 'party' THEN b.votes::BIGINT * 2 > e.entitled
            WHEN b.round = 1 THEN b.votes::BIGINT * 2 > e."cast"
            ELSE b.votes::BIGINT * 3 >= e."cast"
        END AS passes_winner_rule,
        -- no candidate may hold more votes than there were valid ballots (or voters, without valid_ballots)
        b.votes > coalesce(e.valid_ballots, e."cast") AS exceeds_ballots
    FROM stg_ballots AS b
    JOIN stg_elections AS e USING (term, unit_id, body, office, round)
)
SELECT
    term,
    unit_id,
    body,
    office,
    round,
    candidate,
    votes,
    elected,
    winner_rule,
    passes_winner_rule,
    -- why an elected candidate fails its round's rule, with the numbers (NULL when it does not fail)
    CASE
        WHEN (elected AND NOT passes_winner_rule) IS NOT true THEN NULL
        WHEN body = 'party'
            THEN format('{}得票{}票,未超过应到会人数{}人的一半', candidate, votes, entitled)
        WHEN round = 1
            THEN format('{}得票{}票,未超过参加投票人数{}人的一半', candidate, votes, "cast")
        ELSE format('{}得票{}票,少于参加投票人数{}人的三分之一', candidate, votes, "cast")
    END AS winner_failure,
    exceeds_ballots,
    -- why a candidate exceeds the ballots, with the numbers (NULL when it does not)
    CASE
        WHEN exceeds_ballots IS NOT true THEN NULL
        WHEN valid_ballots IS NOT NULL
            THEN format('{}得票{}票,超过有效票{}张', candidate, votes, valid_ballots)
        ELSE format('{}得票{}票,超过实到人数{}人', candidate, votes, "cast")
    END AS exceeds_failure
FROM judged;
