-- SQLite: the audit trail and the erasure certificates refuse every change and deletion.
CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON audit_trail
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_trail_no_delete BEFORE DELETE ON audit_trail
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER erasure_certificates_no_update BEFORE UPDATE ON erasure_certificates
BEGIN SELECT RAISE(ABORT, 'erasure certificates are append-only'); END;
CREATE TRIGGER erasure_certificates_no_delete BEFORE DELETE ON erasure_certificates
BEGIN SELECT RAISE(ABORT, 'erasure certificates are append-only'); END;
