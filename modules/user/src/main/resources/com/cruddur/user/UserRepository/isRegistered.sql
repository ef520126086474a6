SELECT EXISTS (SELECT 1 FROM users WHERE cognito_user_id = :cognitoUserId)
