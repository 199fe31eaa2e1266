package org.cesizen.sdk

import com.google.gson.JsonElement
import com.google.gson.JsonObject

/**
 * The vector operations bound to the generated Kotlin API: each reads its arguments from the case's `input`,
 * calls the binding, and returns the result for [toJson]. An operation's name is the binding function's name;
 * where the vector wraps a bare result (`{"id": …}`), the adapter wraps it the same way.
 */
val OPS: Map<String, (JsonObject) -> Any?> = mapOf(
    "sdkVersion" to { _ -> sdkVersion() },

    // ids.json
    "idFromParts" to { i -> mapOf("id" to idFromParts(i.instant("now"), i.hex("random"))) },
    "parseId" to { i -> parseId(i.str("text")) },

    // users.json
    "normalizeEmail" to { i -> normalizeEmail(i.str("email")) },
    "checkPassword" to { i -> mapOf("violations" to checkPassword(i.str("password"), i.str("email"))) },
    "parseDisplayName" to { i -> mapOf("displayName" to parseDisplayName(i.str("displayName"))) },
    "parseLocale" to { i -> mapOf("locale" to parseLocale(i.str("locale"))) },
    "parseTimeZone" to { i -> mapOf("timeZone" to parseTimeZone(i.str("timeZone"))) },
    "accountStatusTransition" to { i ->
        mapOf("status" to accountStatusTransition(i.enum("from"), i.enum("to")))
    },
    "failedLoginBand" to { i -> mapOf("band" to failedLoginBand(i.long("failuresPerMinute").toUInt())) },
    "failedLoginsInLastMinute" to { i ->
        mapOf("count" to failedLoginsInLastMinute(i.arr("failures").map { instantOf(it.asString) }, i.instant("now")))
    },
    "lockoutDecision" to { i ->
        val attempts = i.arr("attempts").map { it.asJsonObject }.map { LoginAttempt(it.instant("at"), it.bool("succeeded")) }
        tagged("decision", lockoutDecision(attempts, i.instant("now")))
    },
    "tokenHash" to { i -> mapOf("hash" to tokenHash(i.str("token"))) },

    // practice.json
    "breathingPreset" to { i -> breathingPreset(preset(i.str("preset"))) },
    "breathingPattern" to { i -> breathingPattern(pattern(i)) },
    "breathingExercise" to { i -> breathingExercise(pattern(i.obj("pattern")), i.long("cycles").toUInt()) },
    "breathingPosition" to { i ->
        mapOf("position" to breathingPosition(preset(i.str("preset")), i.long("cycles").toUInt(), i.long("elapsedMs").toUInt()))
    },
    "practiceSession" to { i -> practiceSession(session(i.obj("session"))) },
    "healthKitSample" to { i -> healthKitSample(session(i.obj("session"))) },
    "healthConnectRecord" to { i -> healthConnectRecord(session(i.obj("session")), i.str("timeZone"), i.optStr("title")) },
)

/** Presets by their stable name, as the SDK itself names them. */
private val PRESETS = BreathingPreset.entries.associateBy { breathingPresetName(it) }

private fun preset(name: String): BreathingPreset = PRESETS[name] ?: error("unknown preset $name")

private fun pattern(i: JsonObject) = BreathingPattern(
    i.long("inhaleMs").toUInt(),
    i.long("holdAfterInhaleMs").toUInt(),
    i.long("exhaleMs").toUInt(),
    i.long("holdAfterExhaleMs").toUInt(),
)

private fun session(s: JsonObject) = PracticeSession(
    id = s.str("id"),
    userId = s.str("userId"),
    kind = s.enum("kind"),
    startedAt = s.instant("startedAt"),
    endedAt = s.instant("endedAt"),
    plannedDurationSeconds = s.get("plannedDurationSeconds")?.takeIf { !it.isJsonNull }?.asLong?.toUInt(),
    outcome = s.enum("outcome"),
)

/** Runs one operation: its JSON result, or the stable code of the [CesizenException] it threw. */
sealed interface Outcome {
    data class Value(val json: JsonElement) : Outcome
    data class Failed(val code: String) : Outcome
}

fun runOp(op: String, input: JsonObject): Outcome {
    val call = OPS[op] ?: error("unbound operation `$op`")
    return try {
        Outcome.Value(toJson(call(input)))
    } catch (e: CesizenException) {
        Outcome.Failed(e.code())
    }
}
