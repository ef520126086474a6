SELECT u.uuid, u.handle, u.display_name, u.bio, u.created_at,
       (SELECT count(*) FROM activities a WHERE a.user_uuid = u.uuid) AS cruds_count
FROM users u
WHERE u.uuid IN (<uuids>)
