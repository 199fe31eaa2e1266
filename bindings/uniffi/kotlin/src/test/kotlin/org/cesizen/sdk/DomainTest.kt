package org.cesizen.sdk

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.time.Duration
import java.time.Instant
import org.cesizen.sdk.core.*
import org.cesizen.sdk.gdpr.*

/**
 * The emotions, KPI, alerting, SLA and GDPR surface as an Android app or an operations tool uses it: records with
 * named arguments and defaults, sealed classes in `when`, stateful objects in `use {}`; and its refusals — wrong
 * ranges, huge inputs and malformed documents give the typed exception with its stable code.
 */
class DomainTest {
    private val now = Instant.parse("2025-03-14T12:00:00Z")
    private val userId = "0195943a-3ec0-7707-8707-080808080808"

    private fun entry(note: String? = null) = JournalEntryInput(
        id = "0195943a-3ec0-7707-8707-070707070701",
        userId = userId,
        kind = "daily_mood",
        emotion = EmotionCodes("fear", "worry"),
        intensity = 6,
        valence = -0.5,
        contextTags = listOf("work", "sleep"),
        note = note,
        recordedAt = "2025-03-14T09:30:00+01:00",
        timeZone = "Europe/Paris",
    )

    private inline fun <reified E : CesizenException> code(block: () -> Unit): String = assertThrows<E>(block).code()

    @Test
    fun `a journal entry feeds HealthKit and the weekly report`() {
        val validated = validateJournalEntry(entry())
        assertEquals("2025-03-14", validated.localDate)
        assertEquals(Instant.parse("2025-03-14T08:30:00Z"), validated.entry.recordedAt)
        assertEquals(listOf("worried"), stateOfMindFromEntry(validated.entry).labels)
        val report = emotionReport(
            listOf(validated.entry), ReportRequest(userId, ReportPeriod.Week("2025-03-14"), "Europe/Paris"), now,
        )
        assertEquals(1u, report.entryCount)
        assertEquals(7, report.days.size)
    }

    @Test
    fun `decisions are sealed classes an app switches on`() {
        val released = Instant.parse("2025-05-05T14:00:00Z")
        val message = when (val d = evaluateDeployment(released, emptyList(), released)) {
            is GuardDecision.Rollout -> "serve ${d.percent} % until ${d.until}"
            is GuardDecision.Stable -> "stable"
            is GuardDecision.Rollback -> "roll back"
        }
        assertEquals("serve 10 % until 2025-05-05T14:15:00Z", message)
        // Records with defaults: only what was observed is named.
        val alerts = evaluateSecuritySignals(SecuritySignals(failedLoginsPerMinute = 51u), now)
        assertEquals(listOf(SecurityAlert(SecurityRule.FAILED_LOGINS, Severity.CRITICAL)), alerts)
    }

    @Test
    fun `stateful objects keep their state between calls and are released by use {}`() {
        AlertDesk().use { desk ->
            val alert = RaisedAlert("cpu:critical", "api-1", Severity.CRITICAL, now)
            assertTrue(desk.raiseAlert(alert) is Disposition.Notify)
            assertEquals(Disposition.Repeat(2u), desk.raiseAlert(alert))
        }
        AuditTrail().use { trail ->
            val first = trail.append(now, "dpo", "request.received", null, mapOf("kind" to "access"))
            assertNotEquals(first, trail.append(now, "dpo", "request.received", null, mapOf("kind" to "access")))
        }
        ConsentLedger(userId).use { ledger ->
            ledger.give(Purpose.REMINDERS, "r-2025.1", ConsentMethod.AFFIRMATIVE_ACTION, now)
            assertTrue(ledger.isValid(Purpose.REMINDERS, "r-2025.1"))
            assertFalse(ledger.isValid(Purpose.REMINDERS, "r-2025.2"), "a new text needs a new consent")
        }
        GdprConfig.fromToml("[anonymisation]\nk = 10\n").use { assertEquals(10u, it.anonymisationK()) }
        AlertGrouper(900_000u).use { grouper ->
            assertEquals(now.plus(Duration.ofMinutes(15)), grouper.add("p3", "slow-page", now))
            assertEquals(listOf(mapOf("slow-page" to 1uL)), grouper.flushDue(now.plus(Duration.ofHours(1))).map { it.members })
        }
    }

    @Test
    fun `the deterministic seals work only in the runners' build`() {
        // `cargo xtask test` builds the library with the `test-vectors` feature; a default build refuses them with
        // `input.test_vectors.disabled` (proved by the crate's own unit test).
        assertTrue(testVectorsEnabled())
    }

    @Test
    fun `values out of range are refused with their codes`() {
        assertEquals("alerting.value.not_finite", code<CesizenException.Core> { classifyMetric(Metric.CPU, Double.NaN) })
        assertEquals("config.value.not_positive", code<CesizenException.Core> { AlertGrouper(0u) })
        assertEquals("input.window.out_of_range", code<CesizenException.Input> { AlertGrouper(ULong.MAX_VALUE) })
        assertEquals("validation.intensity.out_of_range", code<CesizenException.Core> { generalise(11u, 0.0, "Europe/Paris") })
        assertEquals("input.date.invalid", code<CesizenException.Input> { dailyKpis(emptyList(), "2025-02-30", "Europe/Paris") })
        assertEquals("gdpr.time.out_of_range", code<CesizenException.Gdpr> { monthsAfter(now, UInt.MAX_VALUE, "Europe/Paris") })
        assertEquals("sla.period.invalid", code<CesizenException.Sla> { allowedDowntimeInMonth(999_000u, Int.MAX_VALUE, 1u, "Europe/Paris") })
        assertEquals("sla.target.out_of_range", code<CesizenException.Sla> { allowedDowntimeRollingDays(1_000_000u, 30u) })
        val calendar = WorkCalendar.BusinessHours("Europe/Paris", listOf(DayOfWeek.MONDAY), "25:00", "18:00", emptyList(), false, emptyList())
        assertEquals("input.time_of_day.invalid", code<CesizenException.Input> { slaTimerStatus(1000u, calendar, emptyList(), now) })
        val outage = Outage(now, now.plus(Duration.ofHours(1)), 2_000_000u)
        assertEquals("sla.fraction.out_of_range", code<CesizenException.Sla> { splitOutages(listOf(outage), emptyList()) })
        val record = RecordMeta(id = "x", category = RecordCategory.LOG, createdAt = now)
        assertEquals("input.id.invalid", code<CesizenException.Input> { retentionDecide(record, now) })
    }

    @Test
    fun `huge and malformed inputs are refused or bounded`() {
        assertEquals("input.rules.invalid", code<CesizenException.Input> { validateAlertingRules("not json") })
        assertEquals("config.syntax.invalid", code<CesizenException> { loadSlaRules("{") })
        assertEquals("gdpr.export.invalid", code<CesizenException.Gdpr> { validateExport("x".repeat(5_000_000)) })
        assertEquals("openslo.document.invalid", code<CesizenException.Sla> { importOpenSlo("[".repeat(100_000)) })
        assertEquals("config.syntax.invalid", code<CesizenException.Gdpr> { GdprConfig.fromToml("[".repeat(1_000_000)) })
        assertEquals("validation.note.too_long", code<CesizenException.Core> { validateJournalEntry(entry("n".repeat(5_000_000))) })
        AlertDesk().use { desk ->
            val huge = RaisedAlert("k".repeat(300), "s", Severity.WARNING, now)
            assertEquals("validation.alert_key.invalid", code<CesizenException.Core> { desk.raiseAlert(huge) })
        }
        // A count far past any use is bounded by the calendar, not honoured.
        assertEquals(10_000, nextMaintenanceOccurrences(now, UInt.MAX_VALUE).size)
    }
}
