package org.cesizen.sdk

import com.google.gson.JsonElement
import com.google.gson.JsonObject

/**
 * The vector operations bound to the generated Kotlin API: each reads its arguments from the case's `input`,
 * calls the binding, and returns the result for [toJson]. An operation's name is the binding function's name.
 */
val OPS: Map<String, (JsonObject) -> Any?> = mapOf(
    "sdkVersion" to { _ -> sdkVersion() },
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
