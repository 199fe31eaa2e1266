"""Reading the shared vectors and encoding binding values as the SDK's JSON.

A vector file is ``{"topic", "description", "cases": [{"name", "op", "input", "expected" | "error"}]}`` (see
``tests/src/lib.rs``). Results are compared as JSON values after encoding them the way the Rust crates serialize:
records as objects with camelCase keys, enums as lowercase snake_case strings, instants as RFC 3339 UTC, bytes
as base64url without padding.
"""

import base64
import datetime
import enum
import json
import pathlib
from decimal import Decimal

from conftest import VECTORS_DIR

UNBOUND_FILE = pathlib.Path(__file__).resolve().parents[2] / "vectors-unbound.txt"


def load_cases():
    """Every case of every vector file, as (file name, case) pairs, in a stable order."""
    cases = []
    for path in sorted(VECTORS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        cases.extend((path.name, case) for case in data["cases"])
    return cases


def unbound_ops():
    """The operations the UniFFI surface does not bind yet (shared with the Kotlin runner)."""
    lines = UNBOUND_FILE.read_text(encoding="utf-8").splitlines()
    return {line.split("#", 1)[0].strip() for line in lines} - {""}


def camel(name):
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def to_json(value):
    """Encodes a value returned by the bindings as the SDK's JSON would."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):  # already encoded (an adapter that reshapes part of a result)
        return value
    if isinstance(value, (bytes, bytearray)):
        return base64.urlsafe_b64encode(bytes(value)).rstrip(b"=").decode("ascii")
    if isinstance(value, datetime.datetime):
        # RFC 3339 as chrono writes it: UTC, `Z`, fractional digits in groups of three only when needed.
        text = value.astimezone(datetime.timezone.utc).replace(tzinfo=None).isoformat()
        if "." in text:
            whole, fraction = text.split(".")
            fraction = fraction.rstrip("0")
            fraction = fraction + "0" * (-len(fraction) % 3)
            text = f"{whole}.{fraction}" if fraction else whole
        return text + "Z"
    if isinstance(value, enum.Enum):
        return value.name.lower()
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    if hasattr(value, "__dict__"):
        return {camel(key): to_json(item) for key, item in vars(value).items() if not key.startswith("_")}
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def tagged(tag, value):
    """An enum with data as the SDK's internally tagged JSON: its fields plus ``tag`` = the variant's name."""
    return {tag: type(value).__name__.rsplit(".", 1)[-1].lower(), **to_json(value)}


def normalise(value):
    """Makes JSON values comparable by value: every number becomes a Decimal (so 2 equals 2.0)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value)).normalize() if not isinstance(value, Decimal) else value.normalize()
    if isinstance(value, list):
        return [normalise(item) for item in value]
    if isinstance(value, dict):
        return {key: normalise(item) for key, item in value.items()}
    raise TypeError(f"unexpected JSON value {value!r}")
