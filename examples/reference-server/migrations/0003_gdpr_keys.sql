-- Key usage and the GDPR audit trail. One text for SQLite and PostgreSQL, like 0001; the append-only guards
-- (triggers, whose syntax differs) follow in 0003_gdpr_keys.sqlite.sql or 0003_gdpr_keys.postgres.sql, which
-- the server appends to this text for its database.

-- Messages sealed under each user's data key, counted by every instance in the transaction that stores them:
-- cesizen-crypto's per-key ceiling (random 96-bit nonces, NIST SP 800-38D) holds across restarts and instances.
-- Deleted with the key by an erasure.
ALTER TABLE data_keys ADD COLUMN messages_sealed BIGINT NOT NULL DEFAULT 0;

-- The same count for the keyring keys (`kek.<id>`: data keys wrapped) and the system data key
-- (`system_data_key`: server secrets sealed).
CREATE TABLE key_usage (
    name TEXT PRIMARY KEY,
    messages_sealed BIGINT NOT NULL
);

-- cesizen-gdpr's audit trail, append-only: each entry (AuditEntry as JSON) is hash-chained to the one before.
-- `idx`, `at` (microseconds), `action` and `hash` repeat the entry's fields for queries. No personal data:
-- subjects are erasure or request ids and digests.
CREATE TABLE audit_trail (
    idx BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    action TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    entry TEXT NOT NULL
);
-- Appends are serialised by this counter's row (the number of entries), taken first in the appending transaction.
INSERT INTO counters (name, value) VALUES ('audit_trail', 0);

-- Erasure certificates (cesizen-gdpr ErasureCertificate as JSON), each certified by one audit entry.
CREATE TABLE erasure_certificates (
    erasure_id TEXT PRIMARY KEY,
    audit_index BIGINT NOT NULL UNIQUE REFERENCES audit_trail (idx),
    certificate TEXT NOT NULL
);
