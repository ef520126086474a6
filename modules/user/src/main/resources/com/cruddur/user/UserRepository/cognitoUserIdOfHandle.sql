SELECT cognito_user_id
FROM users
WHERE lower(handle) = lower(:handle)
