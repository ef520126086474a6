-- pg_notify in the same statement: a claim can change the display name, which every instance may be showing.
WITH claimed AS (
    UPDATE users
    SET cognito_user_id = :cognitoUserId,
        email = :email,
        display_name = COALESCE(:displayName, display_name)
    WHERE lower(handle) = lower(:handle)
      AND cognito_user_id LIKE 'MOCK-%'
      AND email = :email
    RETURNING uuid
)
SELECT uuid, pg_notify('user_changed', uuid::text) AS notified
FROM claimed
