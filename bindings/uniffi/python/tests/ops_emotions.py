"""The operations of emotions.json."""

import cesizen
from ops_support import enum_of, instant
from vectors import tagged, to_json


def codes(e):
    return cesizen.EmotionCodes(base=e["base"], nuance=e.get("nuance"))


def without_nulls(json, *keys):
    """``json`` without the ``keys`` whose value is None (fields the SDK's JSON omits when absent)."""
    return {k: v for k, v in json.items() if not (k in keys and v is None)}


def journal_entry(e):
    """A validated entry from the SDK's JSON form."""
    return cesizen.JournalEntry(
        id=e["id"],
        user_id=e["userId"],
        kind=enum_of(cesizen.EntryKind, e["kind"]),
        emotion=codes(e["emotion"]),
        intensity=e["intensity"],
        valence=float(e["valence"]),
        context_tags=e["contextTags"],
        recorded_at=instant(e["recordedAt"]),
        time_zone=e["timeZone"],
        note=e.get("note"),
    )


def entry_json(entry):
    return {**without_nulls(to_json(entry), "note"), "emotion": without_nulls(to_json(entry.emotion), "nuance")}


def validate_journal_entry(i):
    validated = cesizen.validate_journal_entry(
        cesizen.JournalEntryInput(
            id=i["id"],
            user_id=i["userId"],
            kind=i["kind"],
            emotion=codes(i["emotion"]),
            intensity=i["intensity"],
            valence=float(i["valence"]),
            context_tags=i.get("contextTags", []),
            note=i.get("note"),
            recorded_at=i["recordedAt"],
            time_zone=i["timeZone"],
        )
    )
    return {"entry": entry_json(validated.entry), "localDate": validated.local_date}


def period(p):
    kinds = {
        "week": lambda: cesizen.ReportPeriod.WEEK(containing=p["containing"]),
        "month": lambda: cesizen.ReportPeriod.MONTH(year=p["year"], month=p["month"]),
        "quarter": lambda: cesizen.ReportPeriod.QUARTER(year=p["year"], quarter=p["quarter"]),
        "year": lambda: cesizen.ReportPeriod.YEAR(year=p["year"]),
        "rolling": lambda: cesizen.ReportPeriod.ROLLING(days=p["days"]),
    }
    return kinds[p["type"]]()


def emotion_report(i):
    r = i["request"]
    report = cesizen.emotion_report(
        [journal_entry(e) for e in i["entries"]],
        cesizen.ReportRequest(user_id=r["userId"], period=period(r["period"]), time_zone=r["timeZone"]),
        instant(i["now"]),
    )
    return {**to_json(report), "period": tagged("type", report.period)}


def emotion_from_health_kit_label(i):
    found = cesizen.emotion_from_health_kit_label(i["label"])
    emotion = None if found.emotion is None else without_nulls(to_json(found.emotion), "nuance")
    return {"emotion": emotion, "rawValue": found.raw_value}


EMOTION_OPS = {
    "emotionTaxonomy": lambda _i: {"baseEmotions": cesizen.emotion_taxonomy()},
    "parseEmotion": lambda i: without_nulls(to_json(cesizen.parse_emotion(codes(i))), "nuance"),
    "validateJournalEntry": validate_journal_entry,
    "stateOfMindFromEntry": lambda i: cesizen.state_of_mind_from_entry(journal_entry(i)),
    "valenceClassification": lambda i: cesizen.valence_classification(float(i["valence"])),
    "emotionFromHealthKitLabel": emotion_from_health_kit_label,
    "healthKitAssociationOf": lambda i: cesizen.health_kit_association_of(i["contextTag"]),
    "emotionReport": emotion_report,
}
