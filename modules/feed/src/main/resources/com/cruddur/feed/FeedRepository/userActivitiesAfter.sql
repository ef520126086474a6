SELECT a.uuid, a.user_uuid, a.message, a.replies_count, a.reposts_count, a.likes_count,
       a.reply_to_activity_uuid, a.expires_at, a.created_at
FROM unnest(:userUuids::uuid[]) AS author (uuid)
CROSS JOIN LATERAL (
    SELECT *
    FROM activities
    WHERE user_uuid = author.uuid
      AND (expires_at IS NULL OR expires_at > now())
      AND (created_at, uuid) < (:afterCreatedAt, :afterUuid)
    ORDER BY created_at DESC, uuid DESC
    LIMIT :limit) AS a
ORDER BY a.user_uuid, a.created_at DESC, a.uuid DESC
