UPDATE users
SET display_name = :displayName, bio = :bio
WHERE cognito_user_id = :cognitoUserId
RETURNING uuid, handle, display_name, bio, created_at
