"""The vector operations bound to the generated Python API.

Each reads its arguments from the case's ``input``, calls the binding and returns the result for ``to_json``. An
operation's name is the binding function's camelCase name, as in every language; where the vector wraps a bare
result (``{"id": ...}``), the adapter wraps it the same way.
"""

import base64

import cesizen
from ops_alerting import ALERTING_OPS
from ops_crypto import CRYPTO_OPS
from ops_emotions import EMOTION_OPS
from ops_gdpr import GDPR_OPS
from ops_kpi import KPI_OPS
from ops_sla import SLA_OPS
from ops_support import context, enum_of, instant, user_key
from vectors import tagged


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


def unwrap_data_key(i, expected):
    """Key material stays inside the library: the vector's material is accepted only if a key imported from it
    opens what the unwrapped key sealed (AES-GCM fails for any other key)."""
    kek = i["kek"]
    keyring = cesizen.Keyring.import_raw(kek["id"], bytes.fromhex(kek["material"]))
    key = keyring.unwrap_data_key(i["user"], i["wrapped"])
    probe = cesizen.EncryptionContext.USER(user=i["user"])
    sealed = key.seal_text(probe, "probe")
    material = (expected or {}).get("material")
    if material is not None:
        twin = cesizen.UserKey.import_raw(key.user_id(), key.key_id(), bytes.fromhex(material))
        assert twin.open_text(probe, sealed) == "probe", "the unwrapped key is not the vector's"
    return {"id": key.key_id(), "material": material}


def root_secret_material(i):
    root = cesizen.RootSecret.parse(i["text"])
    text = root.to_text()
    return {"material": base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).hex()}


def pseudonym(i):
    p = cesizen.Pseudonymiser(bytes.fromhex(i["secret"]))
    value = bytes.fromhex(i["value"])
    return {"pseudonym": p.pseudonym(i["domain"], value), "hex": p.pseudonym_bytes(i["domain"], value).hex()}


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
    # incidents.json
    "classifyIncident": lambda i: cesizen.classify_incident([enum_of(cesizen.Impact, x) for x in i["impacts"]]),
    "classifySecurityIncident": lambda i: cesizen.classify_security_incident(
        [enum_of(cesizen.SecurityEventKind, x) for x in i["events"]]
    ),
    "supportGoal": lambda i: cesizen.support_goal(
        enum_of(cesizen.SupportLevel, i["level"]), enum_of(cesizen.Priority, i["priority"])
    ),
    "parseIncidentId": lambda i: cesizen.parse_incident_id(i["id"]),
    "applyTicketAction": lambda i: {
        "status": cesizen.apply_ticket_action(
            enum_of(cesizen.TicketStatus, i["status"]), enum_of(cesizen.TicketAction, i["action"])
        )
    },
    "breachNotificationDeadline": lambda i: cesizen.breach_notification_deadline(
        instant(i["awareAt"]), instant(i["now"])
    ),
    # stress.json
    "holmesRaheEvents": lambda _i: {"events": cesizen.holmes_rahe_events()},
    "holmesRaheScore": lambda i: cesizen.holmes_rahe_score(
        [cesizen.LifeEventAnswerInput(event=a["event"], occurrences=a.get("occurrences", 1)) for a in i["answers"]]
    ),
    "stressBand": lambda i: {"band": cesizen.stress_band(i["score"])},
    # envelope_v1.json, keyring_v1.json, pseudonym.json
    "envelope.open": lambda i: {
        "plaintext": user_key(i["key"]).open(context(i["context"]), i["envelope"]).hex()
    },
    "dataKey.unwrap": unwrap_data_key,
    "rootSecret.parse": root_secret_material,
    "pseudonym": pseudonym,
}

OPS.update(CRYPTO_OPS)
OPS.update(KPI_OPS)
OPS.update(EMOTION_OPS)
OPS.update(ALERTING_OPS)
OPS.update(SLA_OPS)
OPS.update(GDPR_OPS)

# Operations whose adapter also reads the case's expected value (to prove, not to copy, secret material; or to
# choose the result's shape, as the Rust runner does).
NEEDS_EXPECTED = {"dataKey.unwrap"} | CRYPTO_OPS.keys()
