SELECT uuid, handle, display_name, bio, created_at
FROM users
WHERE cognito_user_id = :cognitoUserId
