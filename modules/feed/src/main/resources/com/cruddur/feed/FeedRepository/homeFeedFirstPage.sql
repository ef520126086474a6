-- read_at: the database's time of the read, which the expiry filter compares with (the shared page's clock).
SELECT a.uuid, a.user_uuid, a.message, a.replies_count, a.reposts_count, a.likes_count,
       a.reply_to_activity_uuid, a.expires_at, a.created_at,
       u.uuid AS author_uuid, u.handle AS author_handle, u.display_name AS author_display_name,
       u.bio AS author_bio, u.created_at AS author_created_at,
       now() AS read_at
FROM activities a
JOIN users u ON u.uuid = a.user_uuid
WHERE a.reply_to_activity_uuid IS NULL
  AND (a.expires_at IS NULL OR a.expires_at > now())
ORDER BY a.created_at DESC, a.uuid DESC
LIMIT :limit
