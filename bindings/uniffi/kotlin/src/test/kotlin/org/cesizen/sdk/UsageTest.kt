package org.cesizen.sdk

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.time.Instant

/** The SDK as an Android app uses it: idiomatic Kotlin over the generated bindings. */
class UsageTest {
    private val userId = "0190c0de-7e57-7000-8000-000000000001"

    @Test
    fun `a journal note is sealed and opened with a user key held in use {}`() {
        val material = ByteArray(32) { it.toByte() }
        val note = EncryptionContext.Field(userId, newJournalEntryId(Instant.parse("2025-03-14T09:30:00Z")), "note")
        // The key's material lives in Rust; `use {}` zeroizes it as soon as the block ends.
        val envelope = UserKey.importRaw(userId, 7u, material).use { key ->
            assertEquals(7u, key.keyId())
            key.sealText(note, "calmer after the breathing exercise")
        }
        UserKey.importRaw(userId, 7u, material).use { key ->
            assertEquals("calmer after the breathing exercise", key.openText(note, envelope))
            // Moved to another field, the same envelope does not open.
            val moved = assertThrows<CesizenException.Crypto> { key.openText(note.copy(field = "title"), envelope) }
            assertEquals("crypto.decrypt.failed", moved.code())
        }
    }

    @Test
    fun `a keyring wraps a user's data key, is sealed with a root secret and reopened`() {
        RootSecret.generate().use { root ->
            Keyring.generate().use { keyring ->
                val (wrapped, envelope) = keyring.generateDataKey(userId).use { key ->
                    keyring.wrapDataKey(key) to key.seal(EncryptionContext.User(userId), byteArrayOf(1, 2, 3))
                }
                val file = keyring.seal(root)
                Keyring.open(file, root).use { reopened ->
                    assertEquals(keyring.keys().map { it.id }, reopened.keys().map { it.id })
                    reopened.unwrapDataKey(userId, wrapped).use { key ->
                        assertArrayEquals(byteArrayOf(1, 2, 3), key.open(EncryptionContext.User(userId), envelope))
                    }
                }
                // Rotation rewraps the key, never the data.
                val next = keyring.addKey()
                keyring.promote(next)
                val rewrapped = keyring.rewrapDataKey(userId, wrapped)
                assertNotEquals(wrapped, rewrapped)
                keyring.unwrapDataKey(userId, rewrapped).use { key ->
                    assertArrayEquals(byteArrayOf(1, 2, 3), key.open(EncryptionContext.User(userId), envelope))
                }
            }
        }
    }

    @Test
    fun `a backup stream round-trips and a truncated one is refused with its code`() {
        Keyring.generate().use { keyring ->
            val backup = ByteArray(200_000) { (it % 251).toByte() }
            val sealed = keyring.sealStream(backup)
            assertArrayEquals(backup, keyring.openStream(sealed))
            val e = assertThrows<CesizenException> { keyring.openStream(sealed.copyOf(sealed.size - 100)) }
            assertEquals("crypto", e.code().substringBefore('.'))
        }
    }

    @Test
    fun `errors are typed exceptions carrying the stable code`() {
        val e = assertThrows<CesizenException> { normalizeEmail("not an address") }
        assertEquals("validation.email.invalid", e.code())
        // The variant says where the refusal comes from; `when` over the sealed class is exhaustive.
        val origin = when (e) {
            is CesizenException.Core -> "core"
            is CesizenException.Crypto -> "crypto"
            is CesizenException.Gdpr -> "gdpr"
            is CesizenException.Sla -> "sla"
            is CesizenException.Input -> "input"
            is CesizenException.Internal -> "bug"
        }
        assertEquals("core", origin)
    }

    @Test
    fun `instants are java time Instants, exact before the epoch`() {
        val justBefore = Instant.parse("1969-12-31T23:59:59.999Z")
        val e = assertThrows<CesizenException> { idFromParts(justBefore, ByteArray(10)) }
        assertEquals("validation.id.timestamp_out_of_range", e.code())
        val parsed = parseId(idFromParts(Instant.parse("2025-03-14T09:30:00.123Z"), ByteArray(10)))
        assertEquals(Instant.parse("2025-03-14T09:30:00.123Z"), parsed.createdAt)
    }
}
