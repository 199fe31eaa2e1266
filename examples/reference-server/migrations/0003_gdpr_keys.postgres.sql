-- PostgreSQL: the audit trail and the erasure certificates refuse every change, deletion and truncation.
CREATE FUNCTION cesizen_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the table % is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER audit_trail_append_only BEFORE UPDATE OR DELETE ON audit_trail
    FOR EACH ROW EXECUTE FUNCTION cesizen_append_only();
CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail
    FOR EACH STATEMENT EXECUTE FUNCTION cesizen_append_only();
CREATE TRIGGER erasure_certificates_append_only BEFORE UPDATE OR DELETE ON erasure_certificates
    FOR EACH ROW EXECUTE FUNCTION cesizen_append_only();
CREATE TRIGGER erasure_certificates_no_truncate BEFORE TRUNCATE ON erasure_certificates
    FOR EACH STATEMENT EXECUTE FUNCTION cesizen_append_only();
