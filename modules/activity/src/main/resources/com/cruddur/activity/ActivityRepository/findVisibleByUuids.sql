SELECT uuid, user_uuid, message, replies_count, reposts_count, likes_count,
       reply_to_activity_uuid, expires_at, created_at
FROM activities
WHERE uuid = ANY(:uuids)
  AND (expires_at IS NULL OR expires_at > now())
