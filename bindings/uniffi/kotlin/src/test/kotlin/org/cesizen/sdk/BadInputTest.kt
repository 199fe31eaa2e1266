package org.cesizen.sdk

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.time.Instant

/** Wrong ranges, huge inputs and broken text give the typed error, never a crash of the JVM. */
class BadInputTest {
    private val user = "0190c0de-7e57-7000-8000-000000000001"

    private fun code(block: () -> Unit): String = assertThrows<CesizenException>(block).code()

    @Test
    fun `values out of range are refused with their codes`() {
        assertEquals("input.random.invalid_length", code { idFromParts(Instant.EPOCH, ByteArray(9)) })
        assertEquals("input.key.invalid_length", code { UserKey.importRaw(user, 1u, ByteArray(31)).close() })
        assertEquals("input.key.invalid_length", code { Pseudonymiser(ByteArray(0)).close() })
        assertEquals("validation.breathing_pattern.phase_too_long",
            code { breathingPattern(BreathingPattern(UInt.MAX_VALUE, 0u, 4000u, 0u)) })
        assertEquals("validation.id.timestamp_out_of_range", code { newUserId(Instant.parse("1900-01-01T00:00:00Z")) })
        // An Instant that RFC 3339 cannot write (year 10000 and beyond) is refused at the boundary.
        assertEquals("input.timestamp.invalid", code { newUserId(Instant.MAX) })
        assertEquals("input.timestamp.invalid", code { newUserId(Instant.MIN) })
    }

    @Test
    fun `huge inputs are refused or handled, never a crash`() {
        val huge = "a".repeat(5_000_000)
        assertEquals("validation.email.too_long", code { normalizeEmail("$huge@example.org") })
        assertEquals("validation.display_name.too_long", code { parseDisplayName(huge) })
        assertTrue(checkPassword(huge, "x@example.org").contains("validation.password.too_long"))
        assertEquals("validation.id.invalid", code { parseId(huge) })
        UserKey.importRaw(user, 1u, ByteArray(32)).use { key ->
            val ctx = EncryptionContext.User(user)
            val big = ByteArray(8_000_000) { it.toByte() }
            assertTrue(key.open(ctx, key.seal(ctx, big)).contentEquals(big))
            assertEquals("crypto.context.too_long", code { key.seal(EncryptionContext.Field(user, huge, "note"), big) })
            assertTrue(code { key.open(ctx, huge) }.startsWith("crypto."))
        }
    }

    @Test
    fun `broken text never crashes`() {
        // A lone surrogate cannot be UTF-8: the generated Kotlin refuses it before Rust is called
        // (CharacterCodingException), as an argument and inside a record alike; Rust only ever sees UTF-8.
        assertThrows<java.nio.charset.CharacterCodingException> { normalizeEmail("\uD800@example.org") }
        UserKey.importRaw(user, 1u, ByteArray(32)).use { key ->
            assertThrows<java.nio.charset.CharacterCodingException> {
                key.seal(EncryptionContext.User("\uD800"), ByteArray(1))
            }
            assertEquals(user, key.userId()) // and the key still works
        }
        assertEquals("validation.display_name.forbidden_character", code { parseDisplayName("Ann\u202Eeve") })
        // Bytes that are not UTF-8 arrive as bytes; asking for text gives the typed error.
        UserKey.importRaw(user, 1u, ByteArray(32)).use { key ->
            val ctx = EncryptionContext.User(user)
            val envelope = key.seal(ctx, byteArrayOf(0xC3.toByte(), 0x28))
            assertEquals("input.plaintext.not_utf8", code { key.openText(ctx, envelope) })
        }
        // NUL and control characters are data like any other.
        assertEquals("validation.locale.invalid", code { parseLocale("fr\u0000FR") })
    }

    @Test
    fun `a thousand bad calls leave the library working`() {
        repeat(1_000) { i ->
            code { normalizeEmail("bad-$i") }
            code { parseId("x$i") }
        }
        assertEquals("alice@example.org", normalizeEmail("alice@example.org").email)
    }
}
