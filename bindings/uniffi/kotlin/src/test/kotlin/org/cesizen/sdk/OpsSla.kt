package org.cesizen.sdk

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import org.cesizen.sdk.core.*
import org.cesizen.sdk.sla.*

/** The operations of sla.json. */
val SLA_OPS: Map<String, (JsonObject) -> Any?> = mapOf(
    "allowedDowntime" to { i ->
        val target = i.long("targetPpm").toUInt()
        val d = if (i.has("days")) {
            allowedDowntimeRollingDays(target, i.long("days").toUInt())
        } else {
            allowedDowntimeInMonth(target, i.int("year"), i.long("month").toUInt(), i.str("timeZone"))
        }
        // Whole minutes, as the plan's table states them.
        mapOf("periodMs" to d.periodMs, "allowedMs" to d.allowedMs, "allowedMinutes" to d.allowedMs / 60_000u)
    },
    "availability" to { i ->
        availability(interval(i.obj("period")), outages(i), intervals(i, "maintenance"), i.long("targetPpm").toUInt())
    },
    "sampleAvailability" to { i ->
        val p = i.obj("policy")
        sampleAvailability(
            i.arr("samples").map { enumValueOf<SampleStatus>(it.asString.uppercase()) },
            SamplePolicy(p.long("degradedWeight").toUInt(), p.enum("missing")),
        )
    },
    "errorBudget" to { i ->
        errorBudget(
            i.long("targetPpm").toUInt(), i.long("eligible").toULong(), i.long("consumed").toULong(),
            counts(i.obj("recent")), i.long("elapsed").toULong(),
        )
    },
    "burnRateRules" to { i -> mapOf("rules" to burnRateRules(i.long("targetPpm").toUInt(), i.long("periodMs").toULong())) },
    "burnRateAlerts" to { i ->
        val observations = i.arr("observations").map { it.asJsonObject }.map {
            WindowCounts(it.long("windowMs").toULong(), counts(it.obj("counts")))
        }
        mapOf("evaluations" to burnRateAlerts(i.long("targetPpm").toUInt(), i.long("periodMs").toULong(), observations))
    },
    "slaTimerStatus" to { i ->
        val events = i.arr("events").map { timerEvent(it.asJsonObject) }
        slaTimerStatus(i.long("goalMs").toULong(), calendar(i.obj("calendar")), events, i.instant("now"))
    },
    "ticketTimer" to { i ->
        val ticket = ticketRecord(i.obj("ticket"))
        val (kind, goal) = when (i.str("conditions")) {
            "resolution" -> TicketTimerKind.RESOLUTION to resolutionGoalMs(ticket.priority, ticket.securityLevel)
            "response" -> TicketTimerKind.RESPONSE to supportGoal(SupportLevel.L1, ticket.priority).goal!!.withinMs.toULong()
            else -> error("unknown conditions")
        }
        val timer = ticketTimer(ticket, kind, goal, i.instant("now"))
        mapOf("events" to timer.events.map { tagged("kind", it) }, "status" to timer.status)
    },
    "monthlyReport" to { i -> monthlyReport(i.int("year"), i.long("month").toUInt(), i.str("timeZone"), observations(i)) },
    "dailyReport" to { i ->
        mapOf("services" to dailyReport(i.int("year"), i.long("month").toUInt(), i.str("timeZone"), observations(i)))
    },
    "reliability" to { i -> reliability(interval(i.obj("period")), intervals(i, "outages")) },
    "mergeIntervals" to { i -> mapOf("merged" to mergeIntervals(intervals(i, "intervals"))) },
    "splitOutages" to { i -> mapOf("pieces" to splitOutages(outages(i), i.arr("cuts").map { instantOf(it.asString) })) },
    "loadRules" to { i -> mapOf("valid" to true, "services" to loadSlaRules(i.obj("rules").toString()).services) },
    "importOpenSlo" to { i -> mapOf("slos" to importOpenSlo(i.get("document").toString())) },
    "exportOpenSlo" to { i ->
        val services = i.arr("services").map { it.asJsonObject }.map {
            ServiceDefinition(it.str("id"), it.str("name"), it.get("targetPercent").asString)
        }
        mapOf("documents" to JsonParser.parseString(exportOpenSlo(services, i.str("timeZone"))))
    },
)

/** A month's observations by service (`monthlyReport`, `dailyReport`). */
private fun observations(i: JsonObject) = i.obj("observations").entrySet().associate { (service, o) ->
    val obs = o.asJsonObject
    service to ServiceObservations(
        if (obs.has("outages")) outages(obs) else emptyList(),
        if (obs.has("maintenance")) intervals(obs, "maintenance") else emptyList(),
    )
}

private fun interval(o: JsonObject) = Interval(o.instant("start"), o.instant("end"))

private fun intervals(i: JsonObject, key: String) = i.arr(key).map { interval(it.asJsonObject) }

private fun outages(i: JsonObject) = i.arr("outages").map { it.asJsonObject }.map {
    Outage(it.instant("start"), it.instant("end"), it.get("weight")?.asLong?.toUInt())
}

private fun counts(o: JsonObject) = EventCounts(o.long("bad").toULong(), o.long("total").toULong())

private fun timerEvent(e: JsonObject): TimerEvent = when (val kind = e.str("kind")) {
    "start" -> TimerEvent.Start(e.instant("at"))
    "pause" -> TimerEvent.Pause(e.instant("at"))
    "resume" -> TimerEvent.Resume(e.instant("at"))
    "stop" -> TimerEvent.Stop(e.instant("at"))
    else -> error("unknown timer event $kind")
}

private fun calendar(c: JsonObject): WorkCalendar = when (val kind = c.str("kind")) {
    "always_on" -> WorkCalendar.AlwaysOn
    "business_hours" -> WorkCalendar.BusinessHours(
        timeZone = c.str("timeZone"),
        days = c.arr("days").map { enumValueOf<DayOfWeek>(it.asString.uppercase()) },
        fromTime = c.str("from"),
        toTime = c.str("to"),
        holidays = c.get("holidays")?.asJsonArray?.map { it.asString } ?: emptyList(),
        frenchPublicHolidays = c.get("frenchPublicHolidays")?.asBoolean ?: false,
        dayHours = c.get("dayHours")?.asJsonObject?.entrySet()?.map { (day, h) ->
            WeekdayHours(enumValueOf<DayOfWeek>(day.uppercase()), h.asJsonObject.str("from"), h.asJsonObject.str("to"))
        } ?: emptyList(),
    )
    else -> error("unknown calendar $kind")
}

/** A stored ticket from its JSON form (incidents.json's shape, shared with `replayTicket`). */
internal fun ticketRecord(t: JsonObject) = TicketRecord(
    id = t.str("id"),
    priority = t.enum("priority"),
    securityLevel = t.optStr("securityLevel")?.let { enumValueOf<SecurityLevel>(it.uppercase()) },
    history = t.arr("history").map { it.asJsonObject }.map { m ->
        TicketMove(
            at = m.instant("at"),
            actor = m.str("actor"),
            action = m.optStr("action")?.let { enumValueOf<TicketAction>(it.uppercase()) },
            fromStatus = m.optStr("from")?.let { enumValueOf<TicketStatus>(it.uppercase()) },
            toStatus = m.enum("to"),
        )
    },
)
