SELECT r.uuid, r.user_uuid, r.message, r.replies_count, r.reposts_count, r.likes_count,
       r.reply_to_activity_uuid, r.expires_at, r.created_at
FROM unnest(:parentUuids::uuid[]) AS parent (uuid)
CROSS JOIN LATERAL (
    SELECT *
    FROM activities
    WHERE reply_to_activity_uuid = parent.uuid
    ORDER BY created_at, uuid
    LIMIT :limit) AS r
ORDER BY r.reply_to_activity_uuid, r.created_at, r.uuid
