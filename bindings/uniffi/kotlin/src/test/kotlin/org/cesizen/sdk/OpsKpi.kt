package org.cesizen.sdk

import com.google.gson.JsonElement
import com.google.gson.JsonObject
import org.cesizen.sdk.core.*

/** The operations of kpi.json and incidents.json's ticket replay. */
val KPI_OPS: Map<String, (JsonObject) -> Any?> = mapOf(
    "dailyKpis" to { i ->
        val kpis = dailyKpis(i.arr("events").map { productEvent(it.asJsonObject) }, i.str("day"), i.str("timeZone"))
        withReadings(kpis, "readings", toJson(kpis.readings.map(::reading)))
    },
    "retentionCohort" to { i ->
        val cohort = retentionCohort(
            i.arr("events").map { productEvent(it.asJsonObject) }, i.str("firstDay"), i.str("lastDay"),
            i.str("timeZone"), i.instant("now"),
        )
        withReadings(cohort, "reading", toJson(reading(cohort.reading)))
    },
    "netPromoterScore" to { i ->
        val nps = netPromoterScore(i.arr("answers").map { it.asLong })
        withReadings(nps, "reading", toJson(reading(nps.reading)))
    },
    "replayTicket" to { i -> replayTicket(ticketRecord(i.obj("ticket"))) },
)

/** A product event from its JSON form (`type` names the kind, its fields sit beside `userId` and `at`). */
internal fun productEvent(e: JsonObject) = ProductEventInput(
    userId = e.str("userId"),
    at = e.instant("at"),
    kind = when (val type = e.str("type")) {
        "signed_up" -> ProductEventKind.SignedUp
        "app_opened" -> ProductEventKind.AppOpened
        "practice_session_started" -> ProductEventKind.PracticeSessionStarted(e.str("sessionId"), e.enum("practice"))
        "practice_session_ended" -> ProductEventKind.PracticeSessionEnded(e.str("sessionId"), e.enum("outcome"))
        else -> error("unknown product event $type")
    },
)

/** A reading with its KPI's stable code (`retention_30_day`: the enum's name alone would not say where digits go). */
private fun reading(r: KpiReading) =
    mapOf("kpi" to productKpiCode(r.kpi), "value" to r.value, "target" to r.target, "status" to r.status)

private fun withReadings(record: Any, key: String, readings: JsonElement) =
    recordToJson(record).asJsonObject.also { it.add(key, readings) }
