INSERT INTO activities (user_uuid, message, expires_at)
VALUES (:userUuid, :message, now() + make_interval(secs => :ttlSeconds))
RETURNING uuid, user_uuid, message, replies_count, reposts_count, likes_count,
          reply_to_activity_uuid, expires_at, created_at
