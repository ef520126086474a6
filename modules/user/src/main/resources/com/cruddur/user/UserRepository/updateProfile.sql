-- pg_notify in the same statement: every instance hears (once it commits) that this user's shown fields changed.
WITH updated AS (
    UPDATE users
    SET display_name = :displayName, bio = :bio
    WHERE cognito_user_id = :cognitoUserId
    RETURNING uuid, handle, display_name, bio, created_at
)
SELECT updated.*, pg_notify('user_changed', updated.uuid::text) AS notified
FROM updated
