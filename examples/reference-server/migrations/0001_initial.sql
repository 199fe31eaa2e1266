-- The Cesizen reference server's schema, one text for SQLite and PostgreSQL: only TEXT, BIGINT and
-- DOUBLE PRECISION columns, times as BIGINT microseconds since the Unix epoch (UTC), booleans as BIGINT 0/1.
-- Emotional data and the profile's identifying fields are stored only as cesizen-crypto envelopes (text form)
-- sealed under the user's data key; nothing here holds a note, an emotion, an e-mail address or a name in clear.

-- Server-wide secrets, each sealed: the keyring (under the root key), the system data key (wrapped by the
-- keyring) and the e-mail lookup secret (sealed under the system data key).
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Per-user data keys, wrapped by the keyring. Deleting a row crypto-shreds every copy of that user's data.
-- Backups (`cesizen-server backup`) never include this table.
CREATE TABLE data_keys (
    user_id TEXT PRIMARY KEY,
    wrapped TEXT NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    -- HMAC-SHA-256 pseudonym of the normalised address: finds the account without storing the address.
    email_lookup TEXT NOT NULL UNIQUE,
    email_sealed TEXT NOT NULL,
    display_name_sealed TEXT NOT NULL,
    locale TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_active_at BIGINT NOT NULL,
    email_confirmed_at BIGINT,
    inactivity_notified_at BIGINT,
    password_hash TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE single_use_tokens (
    hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    issued_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    consumed_at BIGINT
);
CREATE INDEX single_use_tokens_user ON single_use_tokens (user_id);

-- Sign-in attempts by e-mail pseudonym, for known and unknown addresses alike (no account enumeration).
CREATE TABLE login_attempts (
    id TEXT PRIMARY KEY,
    email_lookup TEXT NOT NULL,
    at BIGINT NOT NULL,
    succeeded BIGINT NOT NULL
);
CREATE INDEX login_attempts_lookup ON login_attempts (email_lookup, at);
CREATE INDEX login_attempts_at ON login_attempts (at);

CREATE TABLE practice_sessions (
    id TEXT PRIMARY KEY,
    -- NULL once anonymised by retention.
    user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT NOT NULL,
    planned_seconds BIGINT,
    outcome TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX practice_sessions_user ON practice_sessions (user_id, started_at);
CREATE INDEX practice_sessions_created ON practice_sessions (created_at);

CREATE TABLE journal_entries (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- cesizen-gdpr's SealedJournalEntry: the time and time zone in clear (to page, report and apply
    -- retention without keys); the feeling (kind, emotion, intensity, valence, context tags) and the note each
    -- one envelope sealed under the user's data key.
    recorded_at BIGINT NOT NULL,
    time_zone TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    feeling_sealed TEXT NOT NULL,
    note_sealed TEXT
);
CREATE INDEX journal_entries_user ON journal_entries (user_id, recorded_at);
CREATE INDEX journal_entries_created ON journal_entries (created_at);

-- Journal entries past their retention period, generalised by cesizen-gdpr (no person, no note, no day).
CREATE TABLE anonymised_journal_entries (
    id TEXT PRIMARY KEY,
    month TEXT NOT NULL,
    area TEXT NOT NULL,
    kind TEXT NOT NULL,
    base_emotion TEXT NOT NULL,
    intensity_band TEXT NOT NULL,
    valence_band TEXT NOT NULL
);

-- The consent ledger, append-only (cesizen-gdpr ConsentLedger records as JSON).
CREATE TABLE consents (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    record TEXT NOT NULL,
    UNIQUE (user_id, seq)
);

-- Data-subject requests (cesizen-gdpr RequestRecord as JSON, replayed on load).
CREATE TABLE gdpr_requests (
    id TEXT PRIMARY KEY,
    -- Not a foreign key: an erasure request outlives the account it erased.
    subject TEXT NOT NULL,
    kind TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    closed BIGINT NOT NULL,
    version BIGINT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX gdpr_requests_subject ON gdpr_requests (subject, received_at);

-- Counters handed out by UPDATE … RETURNING (incident numbers).
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('incident', 0);

-- Incident tickets (cesizen-core Ticket as JSON, replayed on load); `version` for optimistic concurrency.
CREATE TABLE incidents (
    number BIGINT PRIMARY KEY,
    title TEXT NOT NULL,
    priority TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL,
    ticket TEXT NOT NULL
);
