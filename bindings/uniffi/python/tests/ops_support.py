"""Argument readers shared by the per-domain vector adapters (``ops*.py``)."""

import datetime

import cesizen


def instant(text):
    """An RFC 3339 instant as an aware datetime (Python 3.11 reads the `Z` suffix)."""
    return datetime.datetime.fromisoformat(text)


def enum_of(enum_type, name):
    """A generated enum from its snake_case JSON name (``erasure_pending`` -> ``ERASURE_PENDING``)."""
    return enum_type[name.upper()]


def user_key(k):
    return cesizen.UserKey.import_raw(k["user"], k["id"], bytes.fromhex(k["material"]))


def context(c):
    kind = c["kind"]
    if kind == "user":
        return cesizen.EncryptionContext.USER(user=c["user"])
    if kind == "record":
        return cesizen.EncryptionContext.RECORD(user=c["user"], record=c["record"])
    return cesizen.EncryptionContext.FIELD(user=c["user"], record=c["record"], field=c["field"])
