package org.cesizen.sdk

import com.google.gson.JsonElement
import com.google.gson.JsonObject

/** The operations of emotions.json. */
val EMOTION_OPS: Map<String, (JsonObject) -> Any?> = mapOf(
    "emotionTaxonomy" to { _ -> mapOf("baseEmotions" to emotionTaxonomy()) },
    "parseEmotion" to { i -> withoutNulls(toJson(parseEmotion(codes(i))), "nuance") },
    "validateJournalEntry" to { i ->
        val validated = validateJournalEntry(
            JournalEntryInput(
                id = i.str("id"),
                userId = i.str("userId"),
                kind = i.str("kind"),
                emotion = codes(i.obj("emotion")),
                intensity = i.long("intensity"),
                valence = i.double("valence"),
                contextTags = i.get("contextTags")?.asJsonArray?.map { it.asString } ?: emptyList(),
                note = i.optStr("note"),
                recordedAt = i.str("recordedAt"),
                timeZone = i.str("timeZone"),
            ),
        )
        mapOf("entry" to entryJson(validated.entry), "localDate" to validated.localDate)
    },
    "stateOfMindFromEntry" to { i -> stateOfMindFromEntry(journalEntry(i)) },
    "valenceClassification" to { i -> valenceClassification(i.double("valence")) },
    "emotionFromHealthKitLabel" to { i ->
        val found = emotionFromHealthKitLabel(i.str("label"))
        mapOf("emotion" to found.emotion?.let { withoutNulls(toJson(it), "nuance") }, "rawValue" to found.rawValue)
    },
    "healthKitAssociationOf" to { i -> healthKitAssociationOf(i.str("contextTag")) },
    "emotionReport" to { i ->
        val r = i.obj("request")
        val report = emotionReport(
            i.arr("entries").map { journalEntry(it.asJsonObject) },
            ReportRequest(r.str("userId"), period(r.obj("period")), r.str("timeZone")),
            i.instant("now"),
        )
        recordToJson(report).asJsonObject.also { it.add("period", tagged("type", report.period)) }
    },
)

private fun codes(e: JsonObject) = EmotionCodes(e.str("base"), e.optStr("nuance"))

/** A validated entry from the SDK's JSON form. */
private fun journalEntry(e: JsonObject) = JournalEntry(
    id = e.str("id"),
    userId = e.str("userId"),
    kind = e.enum("kind"),
    emotion = codes(e.obj("emotion")),
    intensity = e.int("intensity").toUByte(),
    valence = e.double("valence"),
    contextTags = e.arr("contextTags").map { it.asString },
    recordedAt = e.instant("recordedAt"),
    timeZone = e.str("timeZone"),
    note = e.optStr("note"),
)

private fun period(p: JsonObject): ReportPeriod = when (val type = p.str("type")) {
    "week" -> ReportPeriod.Week(p.str("containing"))
    "month" -> ReportPeriod.Month(p.int("year"), p.long("month").toUInt())
    "quarter" -> ReportPeriod.Quarter(p.int("year"), p.long("quarter").toUInt())
    "year" -> ReportPeriod.Year(p.int("year"))
    "rolling" -> ReportPeriod.Rolling(p.long("days").toUInt())
    else -> error("unknown period $type")
}

/** The SDK's JSON leaves out an absent note and an absent nuance. */
private fun entryJson(entry: JournalEntry): JsonElement =
    withoutNulls(recordToJson(entry), "note").also { it.asJsonObject.add("emotion", withoutNulls(toJson(entry.emotion), "nuance")) }

/** [json] without the [keys] whose value is null (fields the SDK's JSON omits when absent). */
internal fun withoutNulls(json: JsonElement, vararg keys: String): JsonElement =
    json.also { o -> keys.forEach { k -> if (o.asJsonObject.get(k)?.isJsonNull == true) o.asJsonObject.remove(k) } }
