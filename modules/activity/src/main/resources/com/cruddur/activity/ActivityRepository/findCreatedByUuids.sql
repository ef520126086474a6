-- New activities named by notifications, with their authors, for the subscriptions (expired or not: they are new).
SELECT a.uuid, a.user_uuid, a.message, a.replies_count, a.reposts_count, a.likes_count,
       a.reply_to_activity_uuid, a.expires_at, a.created_at,
       u.uuid AS author_uuid, u.handle AS author_handle, u.display_name AS author_display_name,
       u.bio AS author_bio, u.created_at AS author_created_at
FROM activities a
JOIN users u ON u.uuid = a.user_uuid
WHERE a.uuid = ANY(:uuids)
