-- pg_notify in the same statement: the notification is sent when (and only if) the insert commits.
WITH inserted AS (
    INSERT INTO activities (user_uuid, message, expires_at)
    VALUES (:userUuid, :message, now() + make_interval(secs => :ttlSeconds))
    RETURNING uuid, user_uuid, message, replies_count, reposts_count, likes_count,
              reply_to_activity_uuid, expires_at, created_at
)
SELECT inserted.*, pg_notify('activity_created', inserted.uuid::text) AS notified
FROM inserted
