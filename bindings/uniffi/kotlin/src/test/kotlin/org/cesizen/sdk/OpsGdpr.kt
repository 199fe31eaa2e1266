package org.cesizen.sdk

import com.google.gson.JsonObject
import org.cesizen.sdk.gdpr.*

/** The breach id and the consenting user the Rust runner uses for gdpr.json (the vectors do not carry them). */
private const val BREACH_ID = "0195a000-0000-7000-8000-0000000000b1"
private const val CONSENTING_USER = "01943aa0-bc00-7303-8303-030303030303"

/** The operations of gdpr.json. */
val GDPR_OPS: Map<String, (JsonObject) -> Any?> = mapOf(
    "monthsAfter" to { i -> monthsAfter(i.instant("event"), i.long("months").toUInt(), i.str("timeZone")) },
    "assessRequest" to { i ->
        val r = i.obj("request")
        val record = RequestRecord(
            id = r.str("id"),
            subject = r.str("subject"),
            kind = r.enum("kind"),
            history = r.arr("history").map { it.asJsonObject }.map { RequestHistoryEvent(it.instant("at"), requestStep(it)) },
        )
        assessRequest(record, i.instant("now"))
    },
    "retentionDecide" to { i ->
        val r = i.obj("record")
        val record = RecordMeta(
            id = r.str("id"),
            category = r.enum("category"),
            createdAt = r.instant("createdAt"),
            lastActiveAt = r.optStr("lastActiveAt")?.let(::instantOf),
            notifiedAt = r.optStr("notifiedAt")?.let(::instantOf),
            anonymised = r.get("anonymised")?.asBoolean ?: false,
            onHold = r.get("onHold")?.asBoolean ?: false,
        )
        retentionDecide(record, i.instant("now"))
    },
    "parseConfig" to { i ->
        val config = if (i.has("toml")) GdprConfig.fromToml(i.str("toml")) else GdprConfig.fromJson(i.str("json"))
        config.use { c ->
            mapOf("journalEntries" to c.journalEntriesRetention(), "timeZone" to c.requestsTimeZone(), "k" to c.anonymisationK())
        }
    },
    "auditChain" to { i ->
        AuditTrail().use { trail ->
            val hashes = i.arr("events").map { it.asJsonObject }.map { e ->
                trail.append(
                    e.instant("at"), e.str("actor"), e.str("action"), e.optStr("subject"),
                    e.obj("details").entrySet().associate { (k, v) -> k to v.asString },
                )
            }
            mapOf("hashes" to hashes)
        }
    },
    "assessBreach" to { i ->
        val f = i.obj("facts")
        val facts = BreachFacts(
            occurredAt = f.optStr("occurredAt")?.let(::instantOf),
            awareAt = f.instant("awareAt"),
            natures = f.arr("natures").map { enumValueOf<BreachNature>(it.asString.uppercase()) },
            dataCategories = f.arr("dataCategories").map { enumValueOf<DataCategory>(it.asString.uppercase()) },
            subjectsAffected = f.long("subjectsAffected").toULong(),
            recordsAffected = f.long("recordsAffected").toULong(),
            description = f.str("description"),
            consequences = f.str("consequences"),
            measures = f.str("measures"),
            protection = f.enum("protection"),
            risk = f.enum("risk"),
            highRiskRemoved = f.get("highRiskRemoved")?.asBoolean ?: false,
            individualCommunicationDisproportionate = f.get("individualCommunicationDisproportionate")?.asBoolean ?: false,
        )
        // At 75 % of the 72 hours a notification is at risk, as the plan's breach policy sets it, unless the case
        // sets another share.
        val atRisk = i.get("atRiskPercent")?.asInt?.toUByte() ?: 75u
        assessBreach(BREACH_ID, facts, i.optStr("initialFiledAt")?.let(::instantOf), atRisk, i.instant("now"))
    },
    "giveConsent" to { i ->
        ConsentLedger(CONSENTING_USER).use { ledger ->
            val purpose = i.enum<Purpose>("purpose")
            ledger.give(purpose, i.str("textVersion"), i.enum("method"), instantOf("2025-01-01T00:00:00Z"))
            mapOf("valid" to ledger.isValid(purpose, i.str("textVersion")))
        }
    },
    "generalise" to { i -> generalise(i.int("intensity").toUByte(), i.double("valence"), i.str("timeZone")) },
    "validateExport" to { i -> validateExport(i.obj("document").toString()) },
)

private fun requestStep(e: JsonObject): RequestStep = when (val event = e.str("event")) {
    "received" -> RequestStep.Received
    "identity_requested" -> RequestStep.IdentityRequested
    "identity_verified" -> RequestStep.IdentityVerified(e.enum("method"))
    "extended" -> RequestStep.Extended(e.enum("reason"))
    "completed" -> RequestStep.Completed
    "refused" -> RequestStep.Refused(e.enum("reason"), e.bool("remediesNotified"))
    "withdrawn" -> RequestStep.Withdrawn
    else -> error("unknown request event $event")
}
