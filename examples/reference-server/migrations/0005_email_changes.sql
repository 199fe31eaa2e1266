-- A change of address waits here until the new address confirms it (the account keeps its address until then,
-- so nobody can squat an address they do not own, and the answer never tells whether an address is taken).
-- The new address is sealed under the user's data key; the token is stored as its SHA-256.
CREATE TABLE email_changes (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email_sealed TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX email_changes_user ON email_changes (user_id);
