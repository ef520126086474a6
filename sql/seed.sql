-- Development data. Idempotent: every row has a fixed key and is inserted only when absent,
-- so running this again changes nothing. The placeholder cognito_user_id values (MOCK-<handle>)
-- are what the local token issuer signs as `sub`, and what a real sign-up with that handle claims.

INSERT INTO users (display_name, handle, email, cognito_user_id, bio)
VALUES ('Andrew Brown',  'andrewbrown', 'andrew@exampro.co',       'MOCK-andrewbrown', 'Founder of Cruddur.'),
       ('Alt Brown',     'altbrown',    'alt@exampro.co',          'MOCK-altbrown',    NULL),
       ('Andrew Bayko',  'bayko',       'bayko@exampro.co',        'MOCK-bayko',       NULL),
       ('Londo Mollari', 'londo',       'lmollari@centari.com',    'MOCK-londo',       'Ambassador of the Centauri Republic.')
ON CONFLICT DO NOTHING;

-- Seed activity ids are derived from a fixed label, so a second run finds them.
CREATE FUNCTION pg_temp.seed_uuid(label text) RETURNS uuid
    LANGUAGE sql IMMUTABLE AS $$ SELECT md5('cruddur-seed:' || label)::uuid $$;

INSERT INTO activities (uuid, user_uuid, message, expires_at, created_at)
SELECT pg_temp.seed_uuid(seed.label), u.uuid, seed.message, seed.expires_at, seed.created_at
FROM (VALUES
        ('imported',   'andrewbrown', 'This was imported as seed data!', now() + interval '10 days', now()),
        ('the-other',  'altbrown',    'I am the other!',                 now() + interval '10 days', now() - interval '1 minute'),
        ('expired',    'londo',       'This crud expired yesterday: it must not be in the feed.',
                                                                          now() - interval '1 day',  now() - interval '3 days')
     ) AS seed (label, handle, message, expires_at, created_at)
JOIN users u ON u.handle = seed.handle
ON CONFLICT (uuid) DO NOTHING;

-- Enough older cruds to fill more than one page of the feed (20 per page by default).
INSERT INTO activities (uuid, user_uuid, message, expires_at, created_at)
SELECT pg_temp.seed_uuid('filler-' || n),
       u.uuid,
       format('Crud number %s from the seed, by %s.', n, u.handle),
       CASE WHEN n % 5 = 0 THEN NULL ELSE now() + interval '7 days' END,
       now() - n * interval '37 minutes'
FROM generate_series(1, 30) AS n
JOIN users u ON u.handle = (ARRAY['andrewbrown', 'altbrown', 'bayko', 'londo'])[1 + n % 4]
ON CONFLICT (uuid) DO NOTHING;

INSERT INTO activities (uuid, user_uuid, message, reply_to_activity_uuid, created_at)
SELECT pg_temp.seed_uuid('reply-to-imported'), u.uuid, 'Welcome aboard! (a reply: only on its parent, not in the feed)',
       pg_temp.seed_uuid('imported'), now()
FROM users u
WHERE u.handle = 'bayko'
ON CONFLICT (uuid) DO NOTHING;

UPDATE activities parent
SET replies_count = counted.replies
FROM (SELECT reply_to_activity_uuid AS parent_uuid, count(*) AS replies
      FROM activities
      WHERE reply_to_activity_uuid = pg_temp.seed_uuid('imported')
      GROUP BY reply_to_activity_uuid) AS counted
WHERE parent.uuid = counted.parent_uuid AND parent.replies_count <> counted.replies;
