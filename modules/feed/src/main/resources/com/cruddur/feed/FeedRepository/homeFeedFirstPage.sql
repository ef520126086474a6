SELECT uuid, user_uuid, message, replies_count, reposts_count, likes_count,
       reply_to_activity_uuid, expires_at, created_at
FROM activities
WHERE reply_to_activity_uuid IS NULL
  AND (expires_at IS NULL OR expires_at > now())
ORDER BY created_at DESC, uuid DESC
LIMIT :limit
