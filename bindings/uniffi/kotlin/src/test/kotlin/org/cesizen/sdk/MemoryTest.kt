package org.cesizen.sdk

import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File

/**
 * Creating and releasing thousands of secret-holding objects does not grow the process: every `close()` frees
 * the Rust side at once. Measured on the resident set of the JVM process (Linux `/proc/self/status`) with a fixed,
 * pre-touched heap, after a warm-up that brings the JIT and the allocator to a steady state.
 */
class MemoryTest {
    private val user = "0190c0de-7e57-7000-8000-000000000001"

    private fun rssKib(): Long =
        File("/proc/self/status").readLines().first { it.startsWith("VmRSS:") }
            .split(Regex("\\s+"))[1].toLong()

    private fun churn(rounds: Int) {
        val ctx = EncryptionContext.User(user)
        repeat(rounds) {
            UserKey.importRaw(user, 1u, ByteArray(32)).use { key -> key.open(ctx, key.seal(ctx, ByteArray(64))) }
            Keyring.generate().use { keyring -> keyring.keys() }
            Pseudonymiser(ByteArray(32)).use { it.pseudonym("user.email", ByteArray(16)) }
        }
    }

    @Test
    fun `thousands of objects created and closed do not grow memory`() {
        churn(2_000) // warm-up: JIT, JNA and the allocator reach their steady state
        val samples = (0 until 4).map {
            churn(5_000)
            System.gc()
            rssKib()
        }
        val growth = samples.zipWithNext { a, b -> b - a }
        println("RSS after each 5,000 rounds: $samples KiB; growth $growth KiB")
        // Each round's three objects hold about 2 KiB on the Rust side (cipher states, key schedules, buffers):
        // a leak adds some 10 MB per 5,000 rounds, again and again. The heap is fixed and touched (pom.xml); the
        // JVM's own caches settle, so the last batches must not grow by more than 4 MiB.
        assertTrue(growth.last() < 4 * 1024, "RSS grew by ${growth.last()} KiB over the last 5,000 rounds")
        assertTrue(growth.sum() < 12 * 1024, "RSS grew by ${growth.sum()} KiB over 15,000 rounds")
    }
}
