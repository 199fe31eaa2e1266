"""Wrong ranges, huge inputs and broken text give the typed error, never a crash of the interpreter."""

import datetime
import resource

import pytest

import cesizen

USER = "0190c0de-7e57-7000-8000-000000000001"


def code_of(call, *args):
    with pytest.raises(cesizen.CesizenError) as caught:
        call(*args)
    return caught.value.code


def test_values_out_of_range_are_refused_with_their_codes():
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    assert code_of(cesizen.id_from_parts, epoch, bytes(9)) == "input.random.invalid_length"
    assert code_of(cesizen.UserKey.import_raw, USER, 1, bytes(31)) == "input.key.invalid_length"
    assert code_of(cesizen.Pseudonymiser, b"") == "input.key.invalid_length"
    before_1970 = datetime.datetime(1900, 1, 1, tzinfo=datetime.timezone.utc)
    assert code_of(cesizen.new_user_id, before_1970) == "validation.id.timestamp_out_of_range"
    pattern = cesizen.BreathingPattern(
        inhale_ms=2**32 - 1, hold_after_inhale_ms=0, exhale_ms=4000, hold_after_exhale_ms=0
    )
    assert code_of(cesizen.breathing_pattern, pattern) == "validation.breathing_pattern.phase_too_long"


def test_integers_outside_the_ffi_type_are_refused_by_the_bindings_before_rust():
    # Python integers are unbounded; the generated code checks the range of u32 before lowering.
    with pytest.raises((ValueError, OverflowError, TypeError)):
        cesizen.failed_login_band(2**32)
    with pytest.raises((ValueError, OverflowError, TypeError)):
        cesizen.failed_login_band(-1)
    with pytest.raises(TypeError):
        cesizen.normalize_email(None)


def test_huge_inputs_are_refused_or_handled():
    huge = "a" * 5_000_000
    assert code_of(cesizen.normalize_email, huge + "@example.org") == "validation.email.too_long"
    assert code_of(cesizen.parse_display_name, huge) == "validation.display_name.too_long"
    assert "validation.password.too_long" in cesizen.check_password(huge, "x@example.org")
    key = cesizen.UserKey.import_raw(USER, 1, bytes(32))
    ctx = cesizen.EncryptionContext.USER(user=USER)
    big = bytes(range(256)) * 32_000
    assert key.open(ctx, key.seal(ctx, big)) == big
    assert code_of(key.open, ctx, huge).startswith("crypto.")


def test_broken_text_never_crashes():
    # A lone surrogate cannot be encoded as UTF-8: Python refuses it before Rust is called.
    with pytest.raises(UnicodeEncodeError):
        cesizen.normalize_email("\ud800@example.org")
    key = cesizen.UserKey.import_raw(USER, 1, bytes(32))
    ctx = cesizen.EncryptionContext.USER(user=USER)
    envelope = key.seal(ctx, b"\xc3\x28")  # not UTF-8
    assert code_of(key.open_text, ctx, envelope) == "input.plaintext.not_utf8"
    assert code_of(cesizen.parse_locale, "fr\x00FR") == "validation.locale.invalid"


def _rss_kib():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _churn(rounds):
    ctx = cesizen.EncryptionContext.USER(user=USER)
    for _ in range(rounds):
        key = cesizen.UserKey.import_raw(USER, 1, bytes(32))
        key.open(ctx, key.seal(ctx, bytes(64)))
        del key
        cesizen.Keyring.generate().keys()
        cesizen.Pseudonymiser(bytes(32)).pseudonym("user.email", bytes(16))
        try:
            cesizen.parse_id("not an id")
        except cesizen.CesizenError:
            pass


def test_thousands_of_objects_created_and_dropped_do_not_grow_memory():
    _churn(2_000)  # warm-up: allocator arenas and caches reach their steady size
    before = _rss_kib()
    _churn(10_000)
    after = _rss_kib()
    print(f"RSS before {before} KiB, after 10,000 rounds {after} KiB ({after - before} KiB)")
    # Each round's objects hold about 2 KiB on the Rust side (cipher states, key schedules, buffers): leaking them
    # would add some 20 MB.
    assert after - before < 8 * 1024
