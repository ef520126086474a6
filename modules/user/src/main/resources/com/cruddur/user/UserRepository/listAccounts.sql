SELECT cognito_user_id, handle, display_name, email
FROM users
ORDER BY lower(handle)
LIMIT :limit
