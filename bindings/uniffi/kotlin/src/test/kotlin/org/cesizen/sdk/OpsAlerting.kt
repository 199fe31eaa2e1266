package org.cesizen.sdk

import com.google.gson.JsonObject
import org.cesizen.sdk.core.*

/** The operations of alerting.json. */
val ALERTING_OPS: Map<String, (JsonObject) -> Any?> = mapOf(
    "classifyMetric" to { i -> mapOf("severity" to classifyMetric(i.enum("metric"), i.double("value"))) },
    "gradeQuality" to { i -> mapOf("grade" to gradeQuality(i.enum("metric"), i.double("value"))) },
    "gradeSecurityRating" to { i ->
        mapOf("grade" to gradeSecurityRating(enumValueOf<SecurityRating>(i.str("rating").replace("+", "_PLUS"))))
    },
    "evaluateSecuritySignals" to { i ->
        val s = i.obj("signals")
        val signals = SecuritySignals(
            failedLoginsPerMinute = s.get("failedLoginsPerMinute")?.asLong?.toUInt() ?: 0u,
            dataAccessAnomaly = s.get("dataAccessAnomaly")?.asBoolean ?: false,
            adminPrivilegeChanges = s.get("adminPrivilegeChanges")?.asLong?.toUInt() ?: 0u,
            worstVulnerability = s.optStr("worstVulnerability")?.let { enumValueOf<VulnerabilitySeverity>(it.uppercase()) },
            traffic = s.get("traffic")?.asJsonObject?.let { TrafficSample(it.long("current").toULong(), it.long("baseline").toULong()) },
            certificateExpiresAt = s.optStr("certificateExpiresAt")?.let(::instantOf),
        )
        mapOf("alerts" to evaluateSecuritySignals(signals, i.instant("now")))
    },
    "planNotifications" to { i -> planNotifications(i.enum("priority"), i.instant("raisedAt")) },
    "nextMaintenanceOccurrences" to { i ->
        mapOf("occurrences" to nextMaintenanceOccurrences(i.instant("after"), i.long("count").toUInt()))
    },
    "escalationNotices" to { i ->
        val events = i.arr("events").map { lifecycleEvent(it.asJsonObject) }
        if (i.has("policy")) {
            val p = i.obj("policy")
            val policy = EscalationPolicySpec(
                steps = p.arr("steps").map { it.asJsonObject }.map { s ->
                    EscalationStep(s.arr("targets").map { it.asString }, s.long("escalateAfterMs").toULong())
                },
                repeat = (p.get("repeat")?.asInt ?: 0).toUByte(),
                until = p.enum("until"),
                ackTimeoutMs = p.get("ackTimeoutMs")?.asLong?.toULong(),
            )
            escalationNotices(policy, events, i.instant("now"))
        } else {
            planEscalationNotices(i.enum("priority"), events, i.instant("now"))
        }
    },
    "planEscalationNotices" to { i ->
        val events = i.arr("events").map { lifecycleEvent(it.asJsonObject) }
        Plan.fromJson(i.obj("plan").toString()).use { it.escalationNotices(i.enum("priority"), events, i.instant("now")) }
    },
    "planResolutionGoal" to { i ->
        val level = i.optStr("securityLevel")?.let { enumValueOf<SecurityLevel>(it.uppercase()) }
        mapOf("goalMs" to Plan.fromJson(i.obj("plan").toString()).use { it.resolutionGoalMs(i.enum("priority"), level) })
    },
    "evaluateDeployment" to { i ->
        tagged("decision", evaluateDeployment(i.instant("releasedAt"), i.arr("criticalErrors").map { instantOf(it.asString) }, i.instant("now")))
    },
    "assessDashboard" to { i ->
        val snapshot = OpsSnapshot(
            i.long("openTickets").toUInt(), i.long("p1P2Incidents").toUInt(), i.long("deploymentsPerWeek").toUInt(),
            i.long("productionBugs").toUInt(), i.long("meanResolutionMs").toULong(),
        )
        mapOf("indicators" to assessDashboard(snapshot).map { mapOf("indicator" to opsIndicatorCode(it.indicator), "status" to it.status) })
    },
    "riskMatrix" to { _ -> mapOf("risks" to riskMatrix()) },
    "alertDesk" to { i ->
        AlertDesk().use { desk ->
            val dispositions = i.arr("events").map { it.asJsonObject }.map { e ->
                val d = if (e.has("raise")) {
                    val r = e.obj("raise")
                    desk.raiseAlert(RaisedAlert(r.str("key"), r.str("subject"), r.enum("severity"), r.instant("at")))
                } else {
                    desk.resolve(e.obj("resolve").str("key"), e.obj("resolve").instant("at"))
                }
                tagged("kind", d)
            }
            mapOf("dispositions" to dispositions)
        }
    },
    "groupAlerts" to { i ->
        AlertGrouper(i.long("windowMs").toULong()).use { grouper ->
            val groups = mutableListOf<AlertGroup>()
            for (a in i.arr("alerts").map { it.asJsonObject }) {
                groups += grouper.flushDue(a.instant("at"))
                grouper.add(a.str("group"), a.str("key"), a.instant("at"))
            }
            groups += grouper.flushDue(i.instant("flushAt"))
            mapOf("groups" to groups)
        }
    },
    "validateAlertingRules" to { i -> validateAlertingRules(i.obj("rules").toString()).let { mapOf("valid" to true) } },
)

private fun lifecycleEvent(e: JsonObject): AlertLifecycleEvent = when (val kind = e.str("kind")) {
    "triggered" -> AlertLifecycleEvent.Triggered(e.instant("at"))
    "acknowledged" -> AlertLifecycleEvent.Acknowledged(e.instant("at"))
    "closed" -> AlertLifecycleEvent.Closed(e.instant("at"))
    else -> error("unknown lifecycle event $kind")
}
