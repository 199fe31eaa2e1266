"""The operations of gdpr.json."""

import json

import cesizen
from ops_support import enum_of, instant

# The breach id and the consenting user the Rust runner uses (the vectors do not carry them).
BREACH_ID = "0195a000-0000-7000-8000-0000000000b1"
CONSENTING_USER = "01943aa0-bc00-7303-8303-030303030303"


def optional_instant(text):
    return None if text is None else instant(text)


def request_step(e):
    steps = {
        "received": lambda: cesizen.RequestStep.RECEIVED(),
        "identity_requested": lambda: cesizen.RequestStep.IDENTITY_REQUESTED(),
        "identity_verified": lambda: cesizen.RequestStep.IDENTITY_VERIFIED(
            method=enum_of(cesizen.IdentityMethod, e["method"])
        ),
        "extended": lambda: cesizen.RequestStep.EXTENDED(reason=enum_of(cesizen.ExtensionReason, e["reason"])),
        "completed": lambda: cesizen.RequestStep.COMPLETED(),
        "refused": lambda: cesizen.RequestStep.REFUSED(
            reason=enum_of(cesizen.RefusalReason, e["reason"]), remedies_notified=e["remediesNotified"]
        ),
        "withdrawn": lambda: cesizen.RequestStep.WITHDRAWN(),
    }
    return steps[e["event"]]()


def assess_request(i):
    r = i["request"]
    record = cesizen.RequestRecord(
        id=r["id"],
        subject=r["subject"],
        kind=enum_of(cesizen.RequestKind, r["kind"]),
        history=[cesizen.RequestHistoryEvent(at=instant(e["at"]), step=request_step(e)) for e in r["history"]],
    )
    return cesizen.assess_request(record, instant(i["now"]))


def retention_decide(i):
    r = i["record"]
    record = cesizen.RecordMeta(
        id=r["id"],
        category=enum_of(cesizen.RecordCategory, r["category"]),
        created_at=instant(r["createdAt"]),
        last_active_at=optional_instant(r.get("lastActiveAt")),
        notified_at=optional_instant(r.get("notifiedAt")),
        anonymised=r.get("anonymised", False),
        on_hold=r.get("onHold", False),
    )
    return cesizen.retention_decide(record, instant(i["now"]))


def parse_config(i):
    config = cesizen.GdprConfig.from_toml(i["toml"]) if "toml" in i else cesizen.GdprConfig.from_json(i["json"])
    return {
        "journalEntries": config.journal_entries_retention(),
        "timeZone": config.requests_time_zone(),
        "k": config.anonymisation_k(),
    }


def audit_chain(i):
    trail = cesizen.AuditTrail()
    hashes = [
        trail.append(instant(e["at"]), e["actor"], e["action"], e["subject"], e["details"]) for e in i["events"]
    ]
    return {"hashes": hashes}


def assess_breach(i):
    f = i["facts"]
    facts = cesizen.BreachFacts(
        occurred_at=optional_instant(f.get("occurredAt")),
        aware_at=instant(f["awareAt"]),
        natures=[enum_of(cesizen.BreachNature, n) for n in f["natures"]],
        data_categories=[enum_of(cesizen.DataCategory, c) for c in f["dataCategories"]],
        subjects_affected=f["subjectsAffected"],
        records_affected=f["recordsAffected"],
        description=f["description"],
        consequences=f["consequences"],
        measures=f["measures"],
        protection=enum_of(cesizen.DataProtection, f["protection"]),
        risk=enum_of(cesizen.BreachRisk, f["risk"]),
        high_risk_removed=f.get("highRiskRemoved", False),
        individual_communication_disproportionate=f.get("individualCommunicationDisproportionate", False),
    )
    # At 75 % of the 72 hours a notification is at risk, as the plan's breach policy sets it, unless the case sets
    # another share.
    at_risk = i.get("atRiskPercent", 75)
    return cesizen.assess_breach(BREACH_ID, facts, optional_instant(i.get("initialFiledAt")), at_risk, instant(i["now"]))


def give_consent(i):
    ledger = cesizen.ConsentLedger(CONSENTING_USER)
    purpose = enum_of(cesizen.Purpose, i["purpose"])
    method = enum_of(cesizen.ConsentMethod, i["method"])
    ledger.give(purpose, i["textVersion"], method, instant("2025-01-01T00:00:00Z"))
    return {"valid": ledger.is_valid(purpose, i["textVersion"])}


GDPR_OPS = {
    "monthsAfter": lambda i: cesizen.months_after(instant(i["event"]), i["months"], i["timeZone"]),
    "assessRequest": assess_request,
    "retentionDecide": retention_decide,
    "parseConfig": parse_config,
    "auditChain": audit_chain,
    "assessBreach": assess_breach,
    "giveConsent": give_consent,
    "generalise": lambda i: cesizen.generalise(i["intensity"], float(i["valence"]), i["timeZone"]),
    "validateExport": lambda i: cesizen.validate_export(json.dumps(i["document"], default=float)),
}
