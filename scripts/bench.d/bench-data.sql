-- Benchmark data for scripts/bench and scripts/resilience: 1,000 users and 100,000 activities (90,000 top-level of
-- which 10,000 expired, 10,000 replies) created over the last 30 days. Set-based (generate_series), so it loads in
-- seconds. Load it into a freshly migrated, empty database: psql -v ON_ERROR_STOP=1 -f bench-data.sql.
-- Every user's cognito_user_id is MOCK-<handle>, the placeholder form that the local token issuer signs as `sub`.
-- random() is seeded, so two loads produce the same shape (uuids of replies and timestamps relative to now() differ).

\set users 1000
\set top_level 90000
\set expired 10000
\set replies 10000

BEGIN;
SELECT setseed(0.20230207);

-- Names and a text to cut messages from (with a few multi-byte characters: lengths are in code points).
CREATE TEMPORARY TABLE bench_words (first_names text[], last_names text[], prose text) ON COMMIT DROP;
INSERT INTO bench_words VALUES (
    ARRAY['Andrew', 'Alt', 'Londo', 'Delenn', 'Jeffrey', 'Susan', 'Michael', 'Talia', 'Stephen', 'Lyta', 'Vir',
          'Lennier', 'Marcus', 'Zack', 'Elizabeth', 'John', 'Na''Toth', 'Kosh', 'Ivanova', 'Byron'],
    ARRAY['Brown', 'Bayko', 'Mollari', 'Sinclair', 'Garibaldi', 'Winters', 'Franklin', 'Alexander', 'Cotto',
          'Cole', 'Allan', 'Lochley', 'Sheridan', 'Ivanova', 'Bester', 'Morden', 'Refa', 'Kosh', 'Draal', 'G''Kar'],
    'Just shipped the new feed to production 🚀 and it is fast. Coffee first, then code review, then more coffee ☕. '
    || 'Does anyone else think that keyset pagination is underrated? Offsets are a trap once the table grows. '
    || 'Walking home through the rain, thinking about indexes and how a partial index changed everything today. '
    || 'The café on the corner finally has oat milk. Small wins. Tomorrow I am giving a talk about PostgreSQL. '
    || 'Hot take: most performance problems are one missing index and two extra round trips away from fixed. '
    || 'Reading about the Centauri Republic again; the politics are wild. Who is watching the finale tonight? '
    || 'Deployed on a Friday. Regret nothing. Monitoring dashboards are green, latency is flat, pager is quiet. '
    || 'Learning Java records and sealed interfaces this week, and honestly the language feels fresh again. '
    || 'Reminder: back up your database and then test the restore. A backup you never restored is a hope. ');
UPDATE bench_words SET prose = prose || prose;

-- Users: user0001 .. user1000.
INSERT INTO users (display_name, handle, email, cognito_user_id, bio, created_at)
SELECT w.first_names[1 + (n * 7) % 20] || ' ' || w.last_names[1 + (n * 13) % 20],
       handle,
       handle || '@bench.cruddur.invalid',
       'MOCK-' || handle,
       CASE WHEN n % 3 = 0 THEN NULL ELSE left(substr(w.prose, 1 + (n * 37) % 600), 40 + n % 120) END,
       now() - interval '60 days' + n * interval '1 minute'
FROM generate_series(1, :users) AS n
CROSS JOIN bench_words w
CROSS JOIN LATERAL (SELECT 'user' || lpad(n::text, 4, '0') AS handle) h;

CREATE TEMPORARY TABLE bench_users ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY handle) AS n, uuid FROM users WHERE handle ~ '^user[0-9]{4}$';

-- Top-level activities. Authors are skewed (a few users post a lot); message lengths are skewed towards short
-- (mean about 100 code points, 3 to 280); the activity numbered n is expired when n % 9 = 0 (10,000 of 90,000);
-- of the others, half never expire and half expire within the next 30 days. Ids are derived from n, so that the
-- replies below can name their parent without a lookup table.
INSERT INTO activities (uuid, user_uuid, message, reposts_count, likes_count, expires_at, created_at)
SELECT md5('bench-top-' || a.n)::uuid,
       u.uuid,
       btrim(substr(w.prose, 1 + a.text_offset, a.message_length)),
       floor(power(random(), 6) * 50)::int,
       floor(power(random(), 4) * 500)::int,
       CASE WHEN a.n % 9 = 0 THEN a.created_at + (now() - a.created_at) * (0.05 + 0.9 * random())
            WHEN a.n % 2 = 0 THEN NULL
            ELSE now() + random() * interval '30 days' + interval '1 minute' END,
       a.created_at
FROM (SELECT n,
             1 + floor(power(random(), 2) * :users)::int AS author,
             floor(random() * 700)::int AS text_offset,
             3 + floor(power(random(), 2.5) * 277)::int AS message_length,
             now() - random() * interval '30 days' - interval '1 second' AS created_at
      FROM generate_series(1, :top_level) AS n) AS a
JOIN bench_users u ON u.n = a.author
CROSS JOIN bench_words w;

-- Replies: to top-level activities chosen with a skew (popular posts get most replies), created after their
-- parent, never expiring.
INSERT INTO activities (user_uuid, message, reply_to_activity_uuid, created_at)
SELECT u.uuid,
       btrim(substr(w.prose, 1 + r.text_offset, r.message_length)),
       parent.uuid,
       parent.created_at + (now() - parent.created_at) * random()
FROM (SELECT n,
             1 + floor(random() * :users)::int AS author,
             1 + floor(power(random(), 3) * :top_level)::int AS parent_n,
             floor(random() * 700)::int AS text_offset,
             3 + floor(power(random(), 3) * 200)::int AS message_length
      FROM generate_series(1, :replies) AS n
      OFFSET 0) AS r
JOIN activities parent ON parent.uuid = md5('bench-top-' || r.parent_n)::uuid
JOIN bench_users u ON u.n = r.author
CROSS JOIN bench_words w;

UPDATE activities parent
SET replies_count = counted.replies
FROM (SELECT reply_to_activity_uuid AS parent_uuid, count(*) AS replies
      FROM activities
      WHERE reply_to_activity_uuid IS NOT NULL
      GROUP BY reply_to_activity_uuid) AS counted
WHERE parent.uuid = counted.parent_uuid;

-- Refuse to commit a data set that is not the one described above.
DO $$
DECLARE
    user_count int := (SELECT count(*) FROM users WHERE handle ~ '^user[0-9]{4}$');
    activity_count int := (SELECT count(*) FROM activities);
    reply_count int := (SELECT count(*) FROM activities WHERE reply_to_activity_uuid IS NOT NULL);
    expired_count int := (SELECT count(*) FROM activities WHERE expires_at <= now());
    inconsistent int := (SELECT count(*) FROM activities p
                         WHERE p.replies_count <> (SELECT count(*) FROM activities r WHERE r.reply_to_activity_uuid = p.uuid));
BEGIN
    IF user_count <> 1000 OR activity_count <> 100000 OR reply_count <> 10000 OR expired_count <> 10000
       OR inconsistent <> 0 THEN
        RAISE EXCEPTION 'bench data is off: % users, % activities, % replies, % expired, % wrong replies_count',
            user_count, activity_count, reply_count, expired_count, inconsistent;
    END IF;
END $$;
COMMIT;

VACUUM (ANALYZE) users;
VACUUM (ANALYZE) activities;
