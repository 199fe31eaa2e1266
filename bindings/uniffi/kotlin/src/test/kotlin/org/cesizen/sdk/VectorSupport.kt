package org.cesizen.sdk

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import java.io.File
import java.lang.reflect.Modifier
import java.time.Instant
import java.time.format.DateTimeFormatter
import java.util.Base64

/** One case of a `tests/vectors/<topic>.json` file (see tests/src/lib.rs for the format). */
data class VectorCase(
    val file: String,
    val name: String,
    val op: String,
    val input: JsonObject,
    val expected: JsonElement?,
    val error: String?,
)

/** Reads the shared vectors and the explicit list of operations the UniFFI surface does not bind yet. */
object Vectors {
    val dir: File = File(System.getProperty("cesizen.vectors.dir") ?: error("cesizen.vectors.dir is not set"))

    fun load(): List<VectorCase> {
        val files = dir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name } ?: emptyList()
        return files.flatMap { file ->
            val root = JsonParser.parseString(file.readText()).asJsonObject
            root.getAsJsonArray("cases").map { c ->
                val case = c.asJsonObject
                VectorCase(
                    file = file.name,
                    name = case.get("name").asString,
                    op = case.get("op").asString,
                    input = case.get("input")?.takeIf { it.isJsonObject }?.asJsonObject ?: JsonObject(),
                    expected = case.get("expected"),
                    error = case.get("error")?.takeIf { !it.isJsonNull }?.asString,
                )
            }
        }
    }

    /**
     * `bindings/uniffi/vectors-unbound.txt`: operations of the vectors that the UniFFI surface does not bind yet,
     * one per line. Shared with the Python runner; it must shrink to empty.
     */
    fun unbound(): Set<String> =
        File(System.getProperty("cesizen.unbound.file") ?: error("cesizen.unbound.file is not set")).readLines()
            .map { it.substringBefore('#').trim() }
            .filter { it.isNotEmpty() }
            .toSet()
}

/** Reading typed arguments out of a case's input. */
fun JsonObject.str(key: String): String = req(key).asString
fun JsonObject.long(key: String): Long = req(key).asLong
fun JsonObject.int(key: String): Int = req(key).asInt
fun JsonObject.double(key: String): Double = req(key).asDouble
fun JsonObject.bool(key: String): Boolean = req(key).asBoolean
fun JsonObject.instant(key: String): Instant = instantOf(str(key))
fun instantOf(text: String): Instant = java.time.OffsetDateTime.parse(text).toInstant()

/** A generated enum from its snake_case JSON name (`erasure_pending` → `ERASURE_PENDING`). */
inline fun <reified E : Enum<E>> JsonObject.enum(key: String): E = enumValueOf<E>(str(key).uppercase())
fun JsonObject.optStr(key: String): String? = get(key)?.takeIf { !it.isJsonNull }?.asString
fun JsonObject.obj(key: String): JsonObject = req(key).asJsonObject
fun JsonObject.arr(key: String): JsonArray = req(key).asJsonArray
fun JsonObject.bytes(key: String): ByteArray = Base64.getUrlDecoder().decode(str(key))
fun JsonObject.hex(key: String): ByteArray = str(key).chunked(2).map { it.toInt(16).toByte() }.toByteArray()
private fun JsonObject.req(key: String): JsonElement = get(key) ?: error("vector input lacks `$key`")

/**
 * Encodes a binding value as the SDK's JSON does (ARCHITECTURE.md §2): records as objects with their camelCase
 * field names, enums as lowercase snake_case strings, instants as RFC 3339 UTC, byte arrays as base64url
 * without padding, unsigned integers as numbers.
 */
fun toJson(value: Any?): JsonElement = when (value) {
    null -> JsonNull.INSTANCE
    is JsonElement -> value
    is String -> JsonPrimitive(value)
    is Boolean -> JsonPrimitive(value)
    is Number -> JsonPrimitive(value)
    is UByte -> JsonPrimitive(value.toLong())
    is UShort -> JsonPrimitive(value.toLong())
    is UInt -> JsonPrimitive(value.toLong())
    is ULong -> JsonPrimitive(java.math.BigInteger(value.toString()))
    is Instant -> JsonPrimitive(DateTimeFormatter.ISO_INSTANT.format(value))
    is ByteArray -> JsonPrimitive(Base64.getUrlEncoder().withoutPadding().encodeToString(value))
    is Enum<*> -> JsonPrimitive(value.name.lowercase())
    is Iterable<*> -> JsonArray().also { a -> value.forEach { a.add(toJson(it)) } }
    is Map<*, *> -> JsonObject().also { o -> value.forEach { (k, v) -> o.add(k.toString(), toJson(v)) } }
    else -> recordToJson(value)
}

/**
 * An enum with data (a sealed class of data classes) as the SDK's internally tagged JSON: the variant's fields
 * plus `tag` = the variant's name in lowercase (`{"decision": "allowed", "remainingFailures": 1}`).
 */
fun tagged(tag: String, value: Any): JsonElement =
    recordToJson(value).asJsonObject.also { it.addProperty(tag, value.javaClass.simpleName.lowercase()) }

/** A generated record (a Kotlin data class): its declared instance fields, in order, by name. */
fun recordToJson(value: Any): JsonElement {
    val o = JsonObject()
    for (field in value.javaClass.declaredFields) {
        if (Modifier.isStatic(field.modifiers) || field.isSynthetic) continue
        field.isAccessible = true
        o.add(field.name, toJson(field.get(value)))
    }
    return o
}

/**
 * Compares two JSON values as values: objects by keys, numbers by their decimal value (so `2` equals `2.0`),
 * everything else exactly. Returns the path of the first difference, or null.
 */
fun jsonDiff(expected: JsonElement, actual: JsonElement, path: String = "$"): String? {
    return when {
        expected.isJsonObject && actual.isJsonObject -> {
            val e = expected.asJsonObject
            val a = actual.asJsonObject
            if (e.keySet() != a.keySet()) return "$path: keys ${e.keySet()} != ${a.keySet()}"
            e.keySet().firstNotNullOfOrNull { jsonDiff(e.get(it), a.get(it), "$path.$it") }
        }
        expected.isJsonArray && actual.isJsonArray -> {
            val e = expected.asJsonArray
            val a = actual.asJsonArray
            if (e.size() != a.size()) return "$path: ${e.size()} items != ${a.size()}"
            (0 until e.size()).firstNotNullOfOrNull { jsonDiff(e[it], a[it], "$path[$it]") }
        }
        expected.isJsonPrimitive && actual.isJsonPrimitive &&
            expected.asJsonPrimitive.isNumber && actual.asJsonPrimitive.isNumber ->
            if (expected.asBigDecimal.compareTo(actual.asBigDecimal) == 0) null else "$path: $expected != $actual"
        expected == actual -> null
        else -> "$path: $expected != $actual"
    }
}
