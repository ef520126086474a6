SELECT user_uuid, count(*) AS cruds_count
FROM activities
WHERE user_uuid = ANY(:uuids)
GROUP BY user_uuid
