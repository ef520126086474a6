SELECT uuid, handle, display_name, bio, created_at
FROM users
WHERE uuid = ANY(:uuids)
