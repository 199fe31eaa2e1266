"""The operations of kpi.json and incidents.json's ticket replay."""

import cesizen
from ops_support import enum_of, instant
from vectors import to_json


def product_event(e):
    """A product event from its JSON form (``type`` names the kind, its fields sit beside ``userId`` and ``at``)."""
    kinds = {
        "signed_up": lambda: cesizen.ProductEventKind.SIGNED_UP(),
        "app_opened": lambda: cesizen.ProductEventKind.APP_OPENED(),
        "practice_session_started": lambda: cesizen.ProductEventKind.PRACTICE_SESSION_STARTED(
            session_id=e["sessionId"], practice=enum_of(cesizen.PracticeKind, e["practice"])
        ),
        "practice_session_ended": lambda: cesizen.ProductEventKind.PRACTICE_SESSION_ENDED(
            session_id=e["sessionId"], outcome=enum_of(cesizen.PracticeOutcome, e["outcome"])
        ),
    }
    return cesizen.ProductEventInput(user_id=e["userId"], at=instant(e["at"]), kind=kinds[e["type"]]())


def reading(r):
    """A reading with its KPI's stable code (``retention_30_day``: the enum's name alone misplaces the digits)."""
    return {"kpi": cesizen.product_kpi_code(r.kpi), "value": r.value, "target": r.target, "status": r.status}


def with_reading(record, key, value):
    return {**to_json(record), key: to_json(value)}


def daily_kpis(i):
    kpis = cesizen.daily_kpis([product_event(e) for e in i["events"]], i["day"], i["timeZone"])
    return with_reading(kpis, "readings", [reading(r) for r in kpis.readings])


def retention_cohort(i):
    cohort = cesizen.retention_cohort(
        [product_event(e) for e in i["events"]], i["firstDay"], i["lastDay"], i["timeZone"], instant(i["now"])
    )
    return with_reading(cohort, "reading", reading(cohort.reading))


def net_promoter_score(i):
    nps = cesizen.net_promoter_score(i["answers"])
    return with_reading(nps, "reading", reading(nps.reading))


def optional(enum_type, name):
    return None if name is None else enum_of(enum_type, name)


def ticket_record(t):
    """A stored ticket from its JSON form (incidents.json's shape, shared with sla.json's ``ticketTimer``)."""
    return cesizen.TicketRecord(
        id=t["id"],
        priority=enum_of(cesizen.Priority, t["priority"]),
        security_level=optional(cesizen.SecurityLevel, t.get("securityLevel")),
        history=[
            cesizen.TicketMove(
                at=instant(m["at"]),
                actor=m["actor"],
                action=optional(cesizen.TicketAction, m.get("action")),
                from_status=optional(cesizen.TicketStatus, m.get("from")),
                to_status=enum_of(cesizen.TicketStatus, m["to"]),
            )
            for m in t["history"]
        ],
    )


KPI_OPS = {
    "dailyKpis": daily_kpis,
    "retentionCohort": retention_cohort,
    "netPromoterScore": net_promoter_score,
    "replayTicket": lambda i: cesizen.replay_ticket(ticket_record(i["ticket"])),
}
