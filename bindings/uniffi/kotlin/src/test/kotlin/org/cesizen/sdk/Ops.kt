package org.cesizen.sdk

import com.google.gson.JsonElement
import com.google.gson.JsonObject
import org.cesizen.sdk.core.*

/**
 * The vector operations bound to the generated Kotlin API: each reads its arguments from the case's `input`,
 * calls the binding, and returns the result for [toJson]. An operation's name is the binding function's name;
 * where the vector wraps a bare result (`{"id": …}`), the adapter wraps it the same way. The first surface's
 * adapters are below; each later domain has its own file (OpsCrypto, OpsKpi, OpsEmotions, OpsAlerting, OpsSla,
 * OpsGdpr).
 */
val OPS: Map<String, (JsonObject) -> Any?> by lazy { BASE_OPS + CRYPTO_OPS + KPI_OPS + EMOTION_OPS + ALERTING_OPS + SLA_OPS + GDPR_OPS }

/** The operations of the first surface (ids, users, practice, incidents, stress, envelopes opened, pseudonyms). */
private val BASE_OPS: Map<String, (JsonObject) -> Any?> = mapOf(
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

    // incidents.json
    "classifyIncident" to { i -> classifyIncident(i.arr("impacts").map { enumValueOf<Impact>(it.asString.uppercase()) }) },
    "classifySecurityIncident" to { i ->
        classifySecurityIncident(i.arr("events").map { enumValueOf<SecurityEventKind>(it.asString.uppercase()) })
    },
    "supportGoal" to { i -> supportGoal(i.enum("level"), i.enum("priority")) },
    "parseIncidentId" to { i -> parseIncidentId(i.str("id")) },
    "applyTicketAction" to { i -> mapOf("status" to applyTicketAction(i.enum("status"), i.enum("action"))) },
    "breachNotificationDeadline" to { i -> breachNotificationDeadline(i.instant("awareAt"), i.instant("now")) },

    // stress.json
    "holmesRaheEvents" to { _ -> mapOf("events" to holmesRaheEvents()) },
    "holmesRaheScore" to { i ->
        holmesRaheScore(i.arr("answers").map { it.asJsonObject }.map { a ->
            LifeEventAnswerInput(a.str("event"), a.get("occurrences")?.asLong ?: 1L)
        })
    },
    "stressBand" to { i -> mapOf("band" to stressBand(i.long("score").toUInt())) },

    // envelope_v1.json, keyring_v1.json, pseudonym.json: key material stays inside the library. Where a vector
    // shows material, the adapter proves it instead: a key imported from the vector's material opens what the
    // library's key sealed (AES-GCM fails for any other key), and the vector's value is returned.
    "envelope.open" to { i ->
        userKey(i.obj("key")).use { key -> mapOf("plaintext" to hexOf(key.open(context(i.obj("context")), i.str("envelope")))) }
    },
    "dataKey.unwrap" to { i ->
        val kek = i.obj("kek")
        Keyring.importRaw(kek.long("id").toUInt(), kek.hex("material")).use { keyring ->
            keyring.unwrapDataKey(i.str("user"), i.str("wrapped")).use { key ->
                val probe = EncryptionContext.User(i.str("user"))
                val sealed = key.sealText(probe, "probe")
                mapOf("id" to key.keyId(), "material" to proveMaterial(key, sealed, probe))
            }
        }
    },
    "rootSecret.parse" to { i ->
        RootSecret.parse(i.str("text")).use { root ->
            mapOf("material" to hexOf(java.util.Base64.getUrlDecoder().decode(root.toText())))
        }
    },
    "pseudonym" to { i ->
        Pseudonymiser(i.hex("secret")).use { p ->
            mapOf("pseudonym" to p.pseudonym(i.str("domain"), i.hex("value")),
                "hex" to hexOf(p.pseudonymBytes(i.str("domain"), i.hex("value"))))
        }
    },
)

internal fun userKey(k: JsonObject) = UserKey.importRaw(k.str("user"), k.long("id").toUInt(), k.hex("material"))

internal fun context(c: JsonObject): EncryptionContext = when (c.str("kind")) {
    "user" -> EncryptionContext.User(c.str("user"))
    "record" -> EncryptionContext.Record(c.str("user"), c.str("record"))
    "field" -> EncryptionContext.Field(c.str("user"), c.str("record"), c.str("field"))
    else -> error("unknown context kind")
}

fun hexOf(bytes: ByteArray): String = bytes.joinToString("") { "%02x".format(it) }

/**
 * The material of [key], proven without reading it: set by the vector runner to the case's expected material,
 * it is accepted only if a key imported from it opens [sealed].
 */
var expectedMaterial: String? = null

/** The case's expected value, for adapters whose result's shape depends on it (`stream.open`, `stream.seal`). */
var currentExpected: JsonElement? = null

private fun proveMaterial(key: UserKey, sealed: String, context: EncryptionContext): String? {
    val material = expectedMaterial ?: return null
    val bytes = material.chunked(2).map { it.toInt(16).toByte() }.toByteArray()
    UserKey.importRaw(key.userId(), key.keyId(), bytes).use { twin ->
        check(twin.openText(context, sealed) == "probe") { "the unwrapped key is not the vector's" }
    }
    return material
}

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

fun runOp(op: String, input: JsonObject, expected: JsonElement? = null): Outcome {
    val call = OPS[op] ?: error("unbound operation `$op`")
    currentExpected = expected
    expectedMaterial = expected?.takeIf { it.isJsonObject }?.asJsonObject?.get("material")?.asString
    return try {
        Outcome.Value(toJson(call(input)))
    } catch (e: CesizenException) {
        Outcome.Failed(e.code())
    }
}
