UPDATE activities
SET replies_count = replies_count + 1
WHERE uuid = :uuid
  AND (expires_at IS NULL OR expires_at > now())
