-- Operations: what incidents need beyond their ticket, and service outages for the monthly SLA report.
-- One text for SQLite and PostgreSQL, like 0001: TEXT and BIGINT columns, times as BIGINT microseconds (UTC).

-- The observed impacts (priority) and security events (security level) an incident was classified from, as
-- the JSON lists of their cesizen-core names; the security level itself (NULL for other incidents), for
-- filtering; and, for a personal-data breach, the instant the controller became aware of it (the GDPR Art. 33
-- clock starts there; NULL when no personal data is involved) and the instant the supervisory authority was
-- notified (NULL until then).
ALTER TABLE incidents ADD COLUMN impacts TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN security_events TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN security_level TEXT;
ALTER TABLE incidents ADD COLUMN breach_aware_at BIGINT;
ALTER TABLE incidents ADD COLUMN breach_notified_at BIGINT;
CREATE INDEX incidents_status ON incidents (status, number);
CREATE INDEX incidents_priority ON incidents (priority, number);

-- Service outages and planned maintenance windows (cesizen-sla Outage / Interval), numbered from the
-- `counters` table. `weight_ppm` is 1 000 000 for a full outage; maintenance rows always carry it.
INSERT INTO counters (name, value) VALUES ('outage', 0);
CREATE TABLE outages (
    number BIGINT PRIMARY KEY,
    service TEXT NOT NULL,
    kind TEXT NOT NULL,
    start_at BIGINT NOT NULL,
    end_at BIGINT NOT NULL,
    weight_ppm BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX outages_period ON outages (start_at, end_at);
