-- Catching up after the listening connection was lost: activities in creation order after a keyset position.
SELECT a.uuid, a.user_uuid, a.message, a.replies_count, a.reposts_count, a.likes_count,
       a.reply_to_activity_uuid, a.expires_at, a.created_at,
       u.uuid AS author_uuid, u.handle AS author_handle, u.display_name AS author_display_name,
       u.bio AS author_bio, u.created_at AS author_created_at
FROM activities a
JOIN users u ON u.uuid = a.user_uuid
WHERE (a.created_at, a.uuid) > (:afterCreatedAt, :afterUuid)
ORDER BY a.created_at, a.uuid
LIMIT :limit
