\set voter random(1, 5000)
\set cand random(1, 20)
INSERT INTO bench_vote_shape (candidate_id, voter_id, slot, at, ip, user_agent, void_reason)
VALUES (:cand, :voter, 0, now(), '127.0.0.1', 'bench-votes/1', '') ON CONFLICT (candidate_id, voter_id, slot) DO NOTHING;
