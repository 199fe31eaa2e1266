-- Key epochs: which key-encryption key (KEK) wraps each data key, so that an epoch turn rewraps the ones left
-- under an older KEK and a KEK is destroyed only once no data key depends on it. Filled for older rows at start.
-- The KEKs themselves are no longer in the database (key custody, outside the data): the server deletes the
-- `keyring` row of server_secrets once it has moved it there.
ALTER TABLE data_keys ADD COLUMN kek_id BIGINT;
CREATE INDEX data_keys_kek ON data_keys (kek_id);
