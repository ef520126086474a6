-- What the sign-up Lambda's own database role may do, and nothing more: insert a users row, claim a seeded
-- placeholder (an UPDATE that reads the columns it matches on, and returns the claimed row's uuid for the
-- user_changed notification that tells every server instance), and check whether a sign-up is already recorded.
-- Run as the master user once the role exists (README, "Deploying with the AWS CLI").
GRANT USAGE ON SCHEMA public TO cruddur_sign_up;
GRANT INSERT (cognito_user_id, email, handle, display_name) ON users TO cruddur_sign_up;
GRANT UPDATE (cognito_user_id, email, display_name) ON users TO cruddur_sign_up;
GRANT SELECT (uuid, cognito_user_id, email, handle, display_name) ON users TO cruddur_sign_up;
