-- Cruddur's first schema: the reference's users and activities, with its bugs fixed
-- (unique handles and Cognito ids, foreign keys, uuid reply links, time zones, non-negative counters).
-- Forward-only: later changes go in new V<n>__ files; nothing here ever drops a table.

CREATE TABLE users (
    uuid            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    display_name    text        NOT NULL,
    handle          text        NOT NULL,
    email           text        NOT NULL,
    cognito_user_id text        NOT NULL,
    bio             text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_cognito_user_id_key UNIQUE (cognito_user_id),
    CONSTRAINT users_cognito_user_id_length CHECK (char_length(cognito_user_id) BETWEEN 1 AND 128),
    CONSTRAINT users_handle_format CHECK (handle ~ '^[A-Za-z0-9_]{1,32}$'),
    CONSTRAINT users_display_name_length
        CHECK (char_length(display_name) BETWEEN 1 AND 100 AND display_name ~ '[^[:space:]]'),
    CONSTRAINT users_email_shape CHECK (char_length(email) <= 320 AND email LIKE '_%@_%'),
    CONSTRAINT users_bio_length CHECK (char_length(bio) <= 500)
);

-- Handles are unique whatever their case: "AndrewBrown" cannot sign up beside "andrewbrown".
CREATE UNIQUE INDEX users_handle_lower_key ON users (lower(handle));

CREATE TABLE activities (
    uuid                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_uuid              uuid        NOT NULL REFERENCES users (uuid),
    message                text        NOT NULL,
    replies_count          integer     NOT NULL DEFAULT 0,
    reposts_count          integer     NOT NULL DEFAULT 0,
    likes_count            integer     NOT NULL DEFAULT 0,
    reply_to_activity_uuid uuid        REFERENCES activities (uuid),
    expires_at             timestamptz,
    created_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT activities_counters_not_negative
        CHECK (replies_count >= 0 AND reposts_count >= 0 AND likes_count >= 0),
    -- char_length counts code points, as the API does: 280 for a crud, 1024 for a reply.
    CONSTRAINT activities_message_length
        CHECK (message ~ '[^[:space:]]'
               AND char_length(message) <= CASE WHEN reply_to_activity_uuid IS NULL THEN 280 ELSE 1024 END),
    CONSTRAINT activities_replies_never_expire CHECK (reply_to_activity_uuid IS NULL OR expires_at IS NULL),
    CONSTRAINT activities_expire_after_creation CHECK (expires_at > created_at)
);

-- The home feed: newest top-level activities first, keyset-paginated on (created_at, uuid).
-- Expiry depends on now(), so it cannot be in the predicate; INCLUDE lets the scan filter without the heap.
CREATE INDEX activities_home_feed_idx ON activities (created_at DESC, uuid DESC) INCLUDE (expires_at)
    WHERE reply_to_activity_uuid IS NULL;

-- A profile's activities (and cruds_count), newest first.
CREATE INDEX activities_user_idx ON activities (user_uuid, created_at DESC, uuid DESC);

-- An activity's replies, oldest first.
CREATE INDEX activities_replies_idx ON activities (reply_to_activity_uuid, created_at, uuid)
    WHERE reply_to_activity_uuid IS NOT NULL;
