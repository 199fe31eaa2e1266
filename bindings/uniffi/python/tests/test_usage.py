"""The SDK as an operations script uses it: idiomatic Python over the generated bindings."""

import datetime

import pytest

import cesizen

USER = "0190c0de-7e57-7000-8000-000000000001"


def test_a_journal_note_is_sealed_and_opened_and_moving_it_fails_with_the_code():
    now = datetime.datetime(2025, 3, 14, 9, 30, tzinfo=datetime.timezone.utc)
    note = cesizen.EncryptionContext.FIELD(user=USER, record=cesizen.new_journal_entry_id(now), field="note")
    key = cesizen.UserKey.import_raw(USER, 7, bytes(range(32)))
    envelope = key.seal_text(note, "calmer after the breathing exercise")
    assert key.open_text(note, envelope) == "calmer after the breathing exercise"
    moved = cesizen.EncryptionContext.FIELD(user=USER, record=note.record, field="title")
    with pytest.raises(cesizen.CesizenError.Crypto) as caught:
        key.open_text(moved, envelope)
    assert caught.value.code == "crypto.decrypt.failed"


def test_a_keyring_file_round_trips_and_rotation_rewraps_keys_not_data():
    root = cesizen.RootSecret.generate()
    keyring = cesizen.Keyring.generate()
    key = keyring.generate_data_key(USER)
    wrapped = keyring.wrap_data_key(key)
    envelope = key.seal(cesizen.EncryptionContext.USER(user=USER), b"\x01\x02\x03")
    reopened = cesizen.Keyring.open(keyring.seal(root), root)
    assert [k.id for k in reopened.keys()] == [k.id for k in keyring.keys()]
    keyring.promote(keyring.add_key())
    rewrapped = keyring.rewrap_data_key(USER, wrapped)
    assert rewrapped != wrapped
    again = keyring.unwrap_data_key(USER, rewrapped)
    assert again.open(cesizen.EncryptionContext.USER(user=USER), envelope) == b"\x01\x02\x03"


def test_datetimes_cross_exactly_and_naive_ones_are_refused():
    created = datetime.datetime(2025, 3, 14, 9, 30, 0, 123000, tzinfo=datetime.timezone.utc)
    parsed = cesizen.parse_id(cesizen.id_from_parts(created, bytes(10)))
    assert parsed.created_at == created
    with pytest.raises(cesizen.CesizenError.Input) as caught:
        cesizen.new_user_id(datetime.datetime(2025, 3, 14, 9, 30))  # no time zone: ambiguous
    assert caught.value.code == "input.timestamp.invalid"
