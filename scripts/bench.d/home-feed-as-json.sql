-- The second ceiling of scripts/bench: the response to home-feed.json (the same rows, authors, order, filter, page
-- info and cursor) built by PostgreSQL itself in one statement, the cheapest way for the database alone to serve the
-- page. :first is the page size, :limit one more (the extra row only tells whether another page follows). The
-- date-times are written as the DateTime scalar writes them (UTC, milliseconds, Z); the cursor as FeedCursor encodes
-- it (v1:<epoch second>:<nanosecond>:<uuid>, base64url without padding).
WITH page AS (
    SELECT a.uuid, a.message, a.replies_count, a.reposts_count, a.likes_count, a.expires_at, a.created_at,
           u.handle, u.display_name,
           row_number() OVER (ORDER BY a.created_at DESC, a.uuid DESC) AS n
    FROM activities a
    JOIN users u ON u.uuid = a.user_uuid
    WHERE a.reply_to_activity_uuid IS NULL
      AND (a.expires_at IS NULL OR a.expires_at > now())
    ORDER BY a.created_at DESC, a.uuid DESC
    LIMIT :limit
)
SELECT json_build_object('data', json_build_object('homeFeed', json_build_object(
    'nodes', coalesce((SELECT json_agg(json_build_object(
                 'uuid', p.uuid, 'message', p.message, 'repliesCount', p.replies_count, 'repostsCount', p.reposts_count,
                 'likesCount', p.likes_count,
                 'expiresAt', to_char(p.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24":"MI":"SS.MS"Z"'),
                 'createdAt', to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24":"MI":"SS.MS"Z"'),
                 'author', json_build_object('handle', p.handle, 'displayName', p.display_name)) ORDER BY p.n)
               FROM page p WHERE p.n <= :first), '[]'::json),
    'pageInfo', json_build_object(
        'hasNextPage', (SELECT count(*) > :first FROM page),
        'endCursor', (SELECT rtrim(translate(encode(convert_to(
                             'v1:' || floor(extract(epoch FROM p.created_at))::bigint
                             || ':' || (extract(microseconds FROM p.created_at)::bigint % 1000000) * 1000
                             || ':' || p.uuid, 'UTF8'), 'base64'), E'+/\n', '-_'), '=')
                      FROM page p WHERE p.n <= :first ORDER BY p.n DESC LIMIT 1)))))
