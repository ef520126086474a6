INSERT INTO users (cognito_user_id, email, handle, display_name)
VALUES (:cognitoUserId, :email, :handle, COALESCE(:displayName, :handle))
ON CONFLICT (cognito_user_id) DO NOTHING
