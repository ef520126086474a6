SELECT cognito_user_id, handle, display_name, email
FROM users
WHERE lower(handle) = lower(:handle)
