UPDATE users
SET cognito_user_id = :cognitoUserId,
    email = :email,
    display_name = COALESCE(:displayName, display_name)
WHERE lower(handle) = lower(:handle)
  AND cognito_user_id LIKE 'MOCK-%'
  AND email = :email
