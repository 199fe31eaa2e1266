"""The emotions, KPI, alerting, SLA and GDPR surface as an operations script uses it, and its refusals: wrong
ranges, huge inputs and malformed documents give the typed error with its stable code, never a crash."""

import datetime
import json
import math

import pytest

import cesizen

UTC = datetime.timezone.utc
NOW = datetime.datetime(2025, 3, 14, 12, tzinfo=UTC)
USER = "0195943a-3ec0-7707-8707-080808080808"


def code_of(call, *args):
    with pytest.raises(cesizen.CesizenError) as caught:
        call(*args)
    return caught.value.code


def entry(**changes):
    fields = dict(
        id="0195943a-3ec0-7707-8707-070707070701",
        user_id=USER,
        kind="daily_mood",
        emotion=cesizen.EmotionCodes(base="fear", nuance="worry"),
        intensity=6,
        valence=-0.5,
        context_tags=["work", "sleep"],
        note=None,
        recorded_at="2025-03-14T09:30:00+01:00",
        time_zone="Europe/Paris",
    )
    fields.update(changes)
    return cesizen.JournalEntryInput(**fields)


def test_a_journal_entry_feeds_health_kit_and_the_weekly_report():
    validated = cesizen.validate_journal_entry(entry())
    assert validated.local_date == "2025-03-14"
    assert validated.entry.recorded_at == datetime.datetime(2025, 3, 14, 8, 30, tzinfo=UTC)
    sample = cesizen.state_of_mind_from_entry(validated.entry)
    assert sample.labels == ["worried"] and sample.kind == cesizen.EntryKind.DAILY_MOOD
    request = cesizen.ReportRequest(
        user_id=USER, period=cesizen.ReportPeriod.WEEK(containing="2025-03-14"), time_zone="Europe/Paris"
    )
    report = cesizen.emotion_report([validated.entry], request, NOW)
    assert report.entry_count == 1 and len(report.days) == 7
    assert isinstance(report.period, cesizen.ReportPeriod.WEEK)


def test_stateful_objects_keep_their_state_between_calls():
    desk = cesizen.AlertDesk()
    alert = cesizen.RaisedAlert(key="cpu:critical", subject="api-1", severity=cesizen.Severity.CRITICAL, at=NOW)
    assert isinstance(desk.raise_alert(alert), cesizen.Disposition.NOTIFY)
    repeat = desk.raise_alert(alert)
    assert isinstance(repeat, cesizen.Disposition.REPEAT) and repeat.count == 2

    trail = cesizen.AuditTrail()
    first = trail.append(NOW, "dpo", "request.received", None, {"kind": "access"})
    second = trail.append(NOW, "dpo", "request.received", None, {"kind": "access"})
    assert first != second, "each hash covers the previous entry"

    ledger = cesizen.ConsentLedger(USER)
    ledger.give(cesizen.Purpose.REMINDERS, "r-2025.1", cesizen.ConsentMethod.AFFIRMATIVE_ACTION, NOW)
    assert ledger.is_valid(cesizen.Purpose.REMINDERS, "r-2025.1")
    assert not ledger.is_valid(cesizen.Purpose.REMINDERS, "r-2025.2"), "a new text needs a new consent"


def test_documents_cross_as_text_and_configuration_as_an_object():
    config = cesizen.GdprConfig.from_toml('[anonymisation]\nk = 10\n')
    assert config.anonymisation_k() == 10
    assert json.loads(config.to_json())["anonymisation"]["k"] == 10
    assert cesizen.GdprConfig.plan().journal_entries_retention().after == "24 months"
    services = [cesizen.ServiceDefinition(id="core-api", name="Core API", target_percent="99.9")]
    documents = json.loads(cesizen.export_open_slo(services, "Europe/Paris"))
    assert [s.targets_ppm for s in cesizen.import_open_slo(json.dumps(documents))] == [[999000]]


def test_the_deterministic_seals_work_only_in_the_runners_build():
    # `cargo xtask test` builds the library with the `test-vectors` feature; a default build refuses them with
    # `input.test_vectors.disabled` (proved by the crate's own unit test).
    assert cesizen.test_vectors_enabled()


def test_values_out_of_range_are_refused_with_their_codes():
    assert code_of(cesizen.classify_metric, cesizen.Metric.CPU, math.nan) == "alerting.value.not_finite"
    assert code_of(cesizen.grade_quality, cesizen.QualityMetric.LOAD_TIME, math.inf) == "alerting.value.not_finite"
    assert code_of(cesizen.AlertGrouper, 0) == "config.value.not_positive"
    assert code_of(cesizen.AlertGrouper, 2**64 - 1) == "input.window.out_of_range"
    assert code_of(cesizen.generalise, 11, 0.0, "Europe/Paris") == "validation.intensity.out_of_range"
    assert code_of(cesizen.generalise, 5, 2.0, "Europe/Paris") == "validation.valence.out_of_range"
    assert code_of(cesizen.daily_kpis, [], "2025-02-30", "Europe/Paris") == "input.date.invalid"
    assert code_of(cesizen.months_after, NOW, 2**32 - 1, "Europe/Paris") == "gdpr.time.out_of_range"
    assert code_of(cesizen.allowed_downtime_in_month, 999000, 2**31 - 1, 1, "Europe/Paris") == "sla.period.invalid"
    assert code_of(cesizen.allowed_downtime_rolling_days, 1_000_000, 30) == "sla.target.out_of_range"
    assert code_of(cesizen.net_promoter_score, [11]) == "validation.nps_answer.out_of_range"
    calendar = cesizen.WorkCalendar.BUSINESS_HOURS(
        time_zone="Europe/Paris",
        days=[cesizen.DayOfWeek.MONDAY],
        from_time="25:00",
        to_time="18:00",
        holidays=[],
        french_public_holidays=False,
        day_hours=[],
    )
    assert code_of(cesizen.sla_timer_status, 1000, calendar, [], NOW) == "input.time_of_day.invalid"
    outage = cesizen.Outage(start=NOW, end=NOW + datetime.timedelta(hours=1), weight=2_000_000)
    assert code_of(cesizen.split_outages, [outage], []) == "sla.fraction.out_of_range"
    record = cesizen.RecordMeta(id="x", category=cesizen.RecordCategory.LOG, created_at=NOW)
    assert code_of(cesizen.retention_decide, record, NOW) == "input.id.invalid"
    refusal = cesizen.RequestStep.REFUSED(reason=cesizen.RefusalReason.EXCESSIVE, remedies_notified=False)
    request = cesizen.RequestRecord(
        id="0194a19f-ec00-7303-8303-030303030303",
        subject=USER,
        kind=cesizen.RequestKind.ACCESS,
        history=[
            cesizen.RequestHistoryEvent(at=NOW, step=cesizen.RequestStep.RECEIVED()),
            cesizen.RequestHistoryEvent(at=NOW, step=refusal),
        ],
    )
    assert code_of(cesizen.assess_request, request, NOW).startswith(("gdpr.request.", "input.refusal."))


def test_huge_and_malformed_inputs_are_refused_or_bounded():
    assert code_of(cesizen.validate_alerting_rules, "not json") == "input.rules.invalid"
    assert code_of(cesizen.load_sla_rules, "{") == "config.syntax.invalid"
    assert code_of(cesizen.validate_export, "x" * 5_000_000) == "gdpr.export.invalid"
    assert code_of(cesizen.import_open_slo, "[" * 100_000) == "openslo.document.invalid"
    assert code_of(cesizen.GdprConfig.from_toml, "[" * 1_000_000) == "config.syntax.invalid"
    assert code_of(cesizen.AuditTrail().append, NOW, "a" * 1_000_000, "x", None, {}) == "gdpr.audit.field_invalid"
    huge_key = cesizen.RaisedAlert(key="k" * 300, subject="s", severity=cesizen.Severity.WARNING, at=NOW)
    assert code_of(cesizen.AlertDesk().raise_alert, huge_key) == "validation.alert_key.invalid"
    assert code_of(cesizen.validate_journal_entry, entry(note="n" * 5_000_000)) == "validation.note.too_long"
    # A count far past any use is bounded by the calendar, not honoured.
    assert len(cesizen.next_maintenance_occurrences(NOW, 2**32 - 1)) == 10_000
    assert cesizen.net_promoter_score([10] * 1_000_000).promoters == 1_000_000
