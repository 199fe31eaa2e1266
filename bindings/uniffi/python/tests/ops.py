"""The vector operations bound to the generated Python API.

Each reads its arguments from the case's ``input``, calls the binding and returns the result for ``to_json``. An
operation's name is the binding function's camelCase name, as in every language; where the vector wraps a bare
result (``{"id": ...}``), the adapter wraps it the same way.
"""

import datetime

import cesizen
from vectors import tagged


def instant(text):
    """An RFC 3339 instant as an aware datetime (Python 3.11 reads the `Z` suffix)."""
    return datetime.datetime.fromisoformat(text)


def enum_of(enum_type, name):
    """A generated enum from its snake_case JSON name (``erasure_pending`` -> ``ERASURE_PENDING``)."""
    return enum_type[name.upper()]


PRESETS = {cesizen.breathing_preset_name(p): p for p in cesizen.BreathingPreset}


def pattern(i):
    return cesizen.BreathingPattern(
        inhale_ms=i["inhaleMs"],
        hold_after_inhale_ms=i["holdAfterInhaleMs"],
        exhale_ms=i["exhaleMs"],
        hold_after_exhale_ms=i["holdAfterExhaleMs"],
    )


def session(s):
    return cesizen.PracticeSession(
        id=s["id"],
        user_id=s["userId"],
        kind=enum_of(cesizen.PracticeKind, s["kind"]),
        started_at=instant(s["startedAt"]),
        ended_at=instant(s["endedAt"]),
        planned_duration_seconds=s.get("plannedDurationSeconds"),
        outcome=enum_of(cesizen.PracticeOutcome, s["outcome"]),
    )


OPS = {
    "sdkVersion": lambda _i: cesizen.sdk_version(),
    # ids.json
    "idFromParts": lambda i: {"id": cesizen.id_from_parts(instant(i["now"]), bytes.fromhex(i["random"]))},
    "parseId": lambda i: cesizen.parse_id(i["text"]),
    # users.json
    "normalizeEmail": lambda i: cesizen.normalize_email(i["email"]),
    "checkPassword": lambda i: {"violations": cesizen.check_password(i["password"], i["email"])},
    "parseDisplayName": lambda i: {"displayName": cesizen.parse_display_name(i["displayName"])},
    "parseLocale": lambda i: {"locale": cesizen.parse_locale(i["locale"])},
    "parseTimeZone": lambda i: {"timeZone": cesizen.parse_time_zone(i["timeZone"])},
    "accountStatusTransition": lambda i: {
        "status": cesizen.account_status_transition(
            enum_of(cesizen.AccountStatus, i["from"]), enum_of(cesizen.AccountStatus, i["to"])
        )
    },
    "failedLoginBand": lambda i: {"band": cesizen.failed_login_band(i["failuresPerMinute"])},
    "failedLoginsInLastMinute": lambda i: {
        "count": cesizen.failed_logins_in_last_minute([instant(t) for t in i["failures"]], instant(i["now"]))
    },
    "lockoutDecision": lambda i: tagged(
        "decision",
        cesizen.lockout_decision(
            [cesizen.LoginAttempt(at=instant(a["at"]), succeeded=a["succeeded"]) for a in i["attempts"]],
            instant(i["now"]),
        ),
    ),
    "tokenHash": lambda i: {"hash": cesizen.token_hash(i["token"])},
    # practice.json
    "breathingPreset": lambda i: cesizen.breathing_preset(PRESETS[i["preset"]]),
    "breathingPattern": lambda i: cesizen.breathing_pattern(pattern(i)),
    "breathingExercise": lambda i: cesizen.breathing_exercise(pattern(i["pattern"]), i["cycles"]),
    "breathingPosition": lambda i: {
        "position": cesizen.breathing_position(PRESETS[i["preset"]], i["cycles"], i["elapsedMs"])
    },
    "practiceSession": lambda i: cesizen.practice_session(session(i["session"])),
    "healthKitSample": lambda i: cesizen.health_kit_sample(session(i["session"])),
    "healthConnectRecord": lambda i: cesizen.health_connect_record(
        session(i["session"]), i["timeZone"], i.get("title")
    ),
}
