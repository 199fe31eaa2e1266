package org.cesizen.sdk

import com.google.gson.JsonObject
import java.security.MessageDigest
import java.util.Base64
import javax.crypto.Cipher
import javax.crypto.Mac
import javax.crypto.spec.GCMParameterSpec
import javax.crypto.spec.SecretKeySpec

/**
 * The seal operations of envelope_v1.json, keyring_v1.json and stream_v1.json. The vectors pin fixed nonces, so
 * the library seals through its test-vector functions (`dangerous*`, working only in the runners' build); the
 * JDK's own AES-GCM and HMAC then open what it sealed with keys and associated data derived here, independently,
 * so the derived values the vectors show (`wrapKey`, `fileKey`, `streamKey`, `context`) are proven, not copied.
 */
val CRYPTO_OPS: Map<String, (JsonObject) -> Any?> = mapOf(
    "envelope.seal" to { i ->
        userKey(i.obj("key")).use { key ->
            val context = context(i.obj("context"))
            val plaintext = i.hex("plaintext")
            val envelope = dangerousSealEnvelopeWithNonce(key, context, plaintext, i.hex("nonce"))
            check(key.open(context, envelope).contentEquals(plaintext)) { "what is sealed must open" }
            val contextBytes = encryptionContextBytes(context)
            val aad = b64(envelope).copyOfRange(0, 5) + contextBytes
            val jdk = jdkOpen(i.obj("key").hex("material"), b64(envelope), contextBytes)
            check(jdk.contentEquals(plaintext)) { "the JDK opens it" }
            mapOf("context" to hexOf(contextBytes), "aad" to hexOf(aad), "envelope" to envelope)
        }
    },
    "dataKey.wrap" to { i ->
        val kek = i.obj("kek")
        val dataKey = i.obj("dataKey")
        Keyring.importRaw(kek.long("id").toUInt(), kek.hex("material")).use { keyring ->
            UserKey.importRaw(i.str("user"), dataKey.long("id").toUInt(), dataKey.hex("material")).use { key ->
                val wrapped = dangerousWrapDataKeyWithNonce(keyring, key, i.hex("nonce"))
                val context = lengthPrefixed("data-key") + lengthPrefixed(i.str("user"))
                val wrapKey = hkdf(kek.hex("material"), ByteArray(0), "cesizen.kek-wrap.v1")
                val plaintext = u32(dataKey.long("id")) + dataKey.hex("material")
                check(jdkOpen(wrapKey, b64(wrapped), context).contentEquals(plaintext)) { "the JDK unwraps it" }
                keyring.unwrapDataKey(i.str("user"), wrapped).use { check(it.keyId() == key.keyId()) }
                mapOf("context" to hexOf(context), "wrapKey" to hexOf(wrapKey), "wrapped" to wrapped)
            }
        }
    },
    "keyring.seal" to { i ->
        RootSecret.parse(i.str("rootSecret")).use { root ->
            val keys = i.arr("keys").map { it.asJsonObject }
            val primary = keys.first { it.long("id") == i.long("primary") }
            Keyring.importRaw(primary.long("id").toUInt(), primary.hex("material")).use { keyring ->
                for (k in keys.filter { it !== primary }) {
                    val id = k.long("id").toUInt()
                    keyring.addRawKey(id, if (k.has("material")) k.hex("material") else ByteArray(32))
                    if (k.str("status") != "enabled") keyring.disable(id)
                    if (k.str("status") == "destroyed") keyring.destroy(id)
                }
                keyring.setMessageLimit(i.long("messageLimit").toULong())
                val sealed = dangerousSealKeyringWithNonce(keyring, root, i.hex("nonce"))
                val fileKey = hkdf(b64(root.toText()), ByteArray(0), "cesizen.keyring-file.v1")
                jdkOpen(fileKey, sealed, lengthPrefixed("keyring"))
                Keyring.open(sealed, root).use { check(it.keys() == keyring.keys()) { "the file opens to the same keys" } }
                mapOf("fileKey" to hexOf(fileKey), "sealed" to sealed)
            }
        }
    },
    "keyring.open" to { i ->
        RootSecret.parse(i.str("rootSecret")).use { root ->
            Keyring.open(b64(i.str("sealed")), root).use { keyring ->
                mapOf("primary" to keyring.primaryId(), "messageLimit" to keyring.messageLimit(), "keys" to keyring.keys())
            }
        }
    },
    "stream.seal" to { i ->
        val kek = i.obj("kek")
        Keyring.importRaw(kek.long("id").toUInt(), kek.hex("material")).use { keyring ->
            val plaintext = streamPlaintext(i.long("plaintextLength").toInt())
            val stream = dangerousSealStreamWith(keyring, plaintext, i.hex("salt"), i.hex("noncePrefix"))
            check(keyring.openStream(stream).contentEquals(plaintext)) { "what is sealed must open" }
            val header = stream.copyOfRange(0, 44)
            val result = mutableMapOf<String, Any?>(
                "header" to hexOf(header),
                "streamKey" to hexOf(hkdf(kek.hex("material"), i.hex("salt"), "cesizen.stream.v1", header)),
                "length" to stream.size,
                "sha256" to hexOf(MessageDigest.getInstance("SHA-256").digest(stream)),
            )
            if (currentExpected?.asJsonObject?.has("stream") == true) result["stream"] = hexOf(stream)
            result
        }
    },
    "stream.open" to { i ->
        val kek = i.obj("kek")
        Keyring.importRaw(kek.long("id").toUInt(), kek.hex("material")).use { keyring ->
            var stream = if (i.has("base")) sealedBase(keyring, i.str("base")) else i.hex("stream")
            for (m in i.arr("mutations")) stream = mutate(stream, m.asJsonObject)
            val plaintext = keyring.openStream(stream)
            if (currentExpected?.asJsonObject?.has("plaintextLength") == true) {
                check(plaintext.contentEquals(streamPlaintext(plaintext.size))) { "the stream's bytes" }
                mapOf("plaintextLength" to plaintext.size)
            } else {
                mapOf("plaintext" to hexOf(plaintext))
            }
        }
    },
)

private fun b64(text: String): ByteArray = Base64.getUrlDecoder().decode(text)

private fun u32(value: Long): ByteArray = ByteArray(4) { (value shr (24 - 8 * it)).toByte() }

private fun lengthPrefixed(part: String): ByteArray = part.toByteArray().let { u32(it.size.toLong()) + it }

/** `plaintextLength` bytes, byte i = i % 251, as stream_v1.json defines them. */
private fun streamPlaintext(length: Int) = ByteArray(length) { (it % 251).toByte() }

/** HKDF-SHA-256 (RFC 5869) for one 32-byte output block, with the JDK's HMAC. */
private fun hkdf(ikm: ByteArray, salt: ByteArray, info: String, infoTail: ByteArray = ByteArray(0)): ByteArray {
    val mac = Mac.getInstance("HmacSHA256")
    mac.init(SecretKeySpec(salt.takeIf { it.isNotEmpty() } ?: ByteArray(32), "HmacSHA256"))
    val prk = mac.doFinal(ikm)
    mac.init(SecretKeySpec(prk, "HmacSHA256"))
    return mac.doFinal(info.toByteArray() + infoTail + byteArrayOf(1))
}

/** Opens an envelope v1 (`version | key id | nonce | ciphertext+tag`) with the JDK's AES-GCM. */
private fun jdkOpen(key: ByteArray, envelope: ByteArray, context: ByteArray): ByteArray {
    val cipher = Cipher.getInstance("AES/GCM/NoPadding")
    cipher.init(Cipher.DECRYPT_MODE, SecretKeySpec(key, "AES"), GCMParameterSpec(128, envelope.copyOfRange(5, 17)))
    cipher.updateAAD(envelope.copyOfRange(0, 5) + context)
    return cipher.doFinal(envelope.copyOfRange(17, envelope.size))
}

/** The stream of the seal case named [name] in stream_v1.json, sealed again by the library. */
private fun sealedBase(keyring: Keyring, name: String): ByteArray {
    val seal = Vectors.load().first { it.file == "stream_v1.json" && it.name == name }.input
    return dangerousSealStreamWith(
        keyring, streamPlaintext(seal.long("plaintextLength").toInt()), seal.hex("salt"), seal.hex("noncePrefix"),
    )
}

private const val HEADER = 44
private const val SEGMENT = 64 * 1024 + 16

/** One mutation of stream_v1.json applied to a stream (segments are counted after the 44-byte header). */
private fun mutate(stream: ByteArray, m: JsonObject): ByteArray {
    fun segments() = (HEADER until stream.size step SEGMENT).map { stream.copyOfRange(it, minOf(it + SEGMENT, stream.size)) }
    fun join(segs: List<ByteArray>) = segs.fold(stream.copyOfRange(0, HEADER)) { acc, s -> acc + s }
    return when (m.str("op")) {
        "truncate" -> stream.copyOfRange(0, m.int("length"))
        "append" -> stream + m.hex("hex")
        "flipBit" -> stream.copyOf().also { it[m.int("offset")] = (it[m.int("offset")].toInt() xor (1 shl m.int("bit"))).toByte() }
        "dropSegment" -> join(segments().filterIndexed { idx, _ -> idx != m.int("index") })
        "swapSegments" -> segments().toMutableList().also { java.util.Collections.swap(it, m.int("a"), m.int("b")) }.let(::join)
        "duplicateSegment" -> join(segments().flatMapIndexed { idx, s -> if (idx == m.int("index")) listOf(s, s) else listOf(s) })
        else -> error("unknown mutation ${m.str("op")}")
    }
}
