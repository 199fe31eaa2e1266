package org.cesizen.sdk

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** What every call across the FFI guarantees, whatever the function. */
class BoundaryTest {
    @Test
    fun `the library loads and reports the SDK version`() {
        assertTrue(Regex("""\d+\.\d+\.\d+""").matches(sdkVersion()), sdkVersion())
    }

    @Test
    fun `a renamed code reads as the current one`() {
        assertEquals("input.argument.invalid", canonicalCode("binding.input.invalid"))
        assertEquals("config.syntax.invalid", canonicalCode("gdpr.config.malformed"))
        assertEquals("validation.email.invalid", canonicalCode("validation.email.invalid"))
    }

    @Test
    fun `every error variant carries its stable code through Rust and back`() {
        val errors = listOf(
            CesizenException.Core("validation.email.invalid", "d"),
            CesizenException.Crypto("crypto.decrypt.failed", "d"),
            CesizenException.Gdpr("gdpr.export.invalid", "d"),
            CesizenException.Sla("sla.target.invalid", "d"),
            CesizenException.Input("input.timestamp.out_of_range", "d"),
            CesizenException.Internal("internal.panic", "d"),
        )
        for (e in errors) {
            // code() is implemented in Rust: the exception is lowered, read there, and the code lifted back.
            val field = when (e) {
                is CesizenException.Core -> e.code
                is CesizenException.Crypto -> e.code
                is CesizenException.Gdpr -> e.code
                is CesizenException.Sla -> e.code
                is CesizenException.Input -> e.code
                is CesizenException.Internal -> e.code
            }
            assertEquals(field, e.code())
            assertTrue(e.message!!.contains(field))
            assertFalse(e is InternalException)
        }
    }
}
