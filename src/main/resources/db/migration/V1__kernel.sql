-- Kernel tables: users, idempotency keys, outbox.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE TABLE users (
    id          uuid PRIMARY KEY,
    subject     text NOT NULL UNIQUE,
    email       text,
    name        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint NOT NULL DEFAULT 0
);
CREATE INDEX users_email_idx ON users (lower(email));

-- A POST with an Idempotency-Key is recorded here; a replay returns the stored answer.
CREATE TABLE idempotency_keys (
    user_id       uuid NOT NULL,
    idem_key      text NOT NULL,
    method        text NOT NULL,
    path          text NOT NULL,
    request_hash  text NOT NULL,
    status        int,              -- null while the first request is still running
    content_type  text,
    location      text,
    body          text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Transactional outbox: written in the same transaction as the change that causes it.
CREATE TABLE outbox_messages (
    id               uuid PRIMARY KEY,
    kind             text NOT NULL,
    recipient        text NOT NULL,
    subject          text NOT NULL,
    body             text NOT NULL,
    aggregate_type   text,
    aggregate_id     uuid,
    status           text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','SENT','FAILED')),
    attempts         int NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz
);
CREATE INDEX outbox_due_idx ON outbox_messages (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX outbox_aggregate_idx ON outbox_messages (aggregate_type, aggregate_id);
