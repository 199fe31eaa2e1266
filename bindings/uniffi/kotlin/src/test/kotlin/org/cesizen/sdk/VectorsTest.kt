package org.cesizen.sdk

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.fail

/** Every case of every `tests/vectors/<topic>.json`, through the Kotlin bindings, compared value for value. */
class VectorsTest {
    private val cases = Vectors.load()
    private val unbound = Vectors.unbound()

    @TestFactory
    fun `every vector case`(): List<DynamicTest> {
        println("vectors: ${cases.size} cases in ${cases.map { it.file }.toSet().size} files; unbound (skipped): " +
            if (unbound.isEmpty()) "none" else unbound.sorted().joinToString())
        return cases.filter { it.op !in unbound }.map { case ->
            DynamicTest.dynamicTest("${case.file} ${case.name} (${case.op})") {
                when (val outcome = runOp(case.op, case.input, case.expected)) {
                    is Outcome.Failed -> assertEquals(case.error, outcome.code, "expected a value, got ${outcome.code}")
                    is Outcome.Value -> {
                        if (case.error != null) fail("expected error ${case.error}, got ${outcome.json}")
                        val expected = case.expected ?: fail("the case has neither `expected` nor `error`")
                        assertNull(jsonDiff(expected, outcome.json), "result differs from the vector")
                    }
                }
            }
        }
    }

    @Test
    fun `every operation of the vectors is bound or explicitly listed as unbound`() {
        val missing = cases.map { it.op }.toSet() - OPS.keys - unbound
        assertTrue(missing.isEmpty(), "operations neither bound nor listed in vectors-unbound.txt: $missing")
        val stale = unbound intersect OPS.keys
        assertTrue(stale.isEmpty(), "bound operations still listed in vectors-unbound.txt: $stale")
    }
}
