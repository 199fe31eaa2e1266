"""The operations of sla.json."""

import json

import cesizen
from ops_kpi import ticket_record
from ops_support import enum_of, instant
from vectors import tagged


def interval(o):
    return cesizen.Interval(start=instant(o["start"]), end=instant(o["end"]))


def outages(items):
    return [cesizen.Outage(start=instant(o["start"]), end=instant(o["end"]), weight=o.get("weight")) for o in items]


def counts(o):
    return cesizen.EventCounts(bad=o["bad"], total=o["total"])


def timer_event(e):
    kinds = {
        "start": cesizen.TimerEvent.START,
        "pause": cesizen.TimerEvent.PAUSE,
        "resume": cesizen.TimerEvent.RESUME,
        "stop": cesizen.TimerEvent.STOP,
    }
    return kinds[e["kind"]](at=instant(e["at"]))


def calendar(c):
    if c["kind"] == "always_on":
        return cesizen.WorkCalendar.ALWAYS_ON()
    return cesizen.WorkCalendar.BUSINESS_HOURS(
        time_zone=c["timeZone"],
        days=[enum_of(cesizen.DayOfWeek, d) for d in c["days"]],
        from_time=c["from"],
        to_time=c["to"],
        holidays=c.get("holidays", []),
        french_public_holidays=c.get("frenchPublicHolidays", False),
        day_hours=[
            cesizen.WeekdayHours(day=enum_of(cesizen.DayOfWeek, d), from_time=h["from"], to_time=h["to"])
            for d, h in c.get("dayHours", {}).items()
        ],
    )


def allowed_downtime(i):
    if "days" in i:
        d = cesizen.allowed_downtime_rolling_days(i["targetPpm"], i["days"])
    else:
        d = cesizen.allowed_downtime_in_month(i["targetPpm"], i["year"], i["month"], i["timeZone"])
    # Whole minutes, as the plan's table states them.
    return {"periodMs": d.period_ms, "allowedMs": d.allowed_ms, "allowedMinutes": d.allowed_ms // 60_000}


def ticket_timer(i):
    ticket = ticket_record(i["ticket"])
    if i["conditions"] == "resolution":
        kind = cesizen.TicketTimerKind.RESOLUTION
        goal = cesizen.resolution_goal_ms(ticket.priority, ticket.security_level)
    else:
        kind = cesizen.TicketTimerKind.RESPONSE
        goal = cesizen.support_goal(cesizen.SupportLevel.L1, ticket.priority).goal.within_ms
    timer = cesizen.ticket_timer(ticket, kind, goal, instant(i["now"]))
    return {"events": [tagged("kind", e) for e in timer.events], "status": timer.status}


def observations(i):
    """A month's observations by service (``monthlyReport``, ``dailyReport``)."""
    return {
        service: cesizen.ServiceObservations(
            outages=outages(o.get("outages", [])), maintenance=[interval(m) for m in o.get("maintenance", [])]
        )
        for service, o in i["observations"].items()
    }


def export_open_slo(i):
    services = [
        cesizen.ServiceDefinition(id=s["id"], name=s["name"], target_percent=str(s["targetPercent"]))
        for s in i["services"]
    ]
    return {"documents": json.loads(cesizen.export_open_slo(services, i["timeZone"]))}


def as_json_text(value):
    """The vector's JSON value as text; numbers keep their shortest exact form."""
    return json.dumps(value, default=float)


SLA_OPS = {
    "allowedDowntime": allowed_downtime,
    "availability": lambda i: cesizen.availability(
        interval(i["period"]), outages(i["outages"]), [interval(m) for m in i["maintenance"]], i["targetPpm"]
    ),
    "sampleAvailability": lambda i: cesizen.sample_availability(
        [enum_of(cesizen.SampleStatus, s) for s in i["samples"]],
        cesizen.SamplePolicy(
            degraded_weight=i["policy"]["degradedWeight"], missing=enum_of(cesizen.MissingSamples, i["policy"]["missing"])
        ),
    ),
    "errorBudget": lambda i: cesizen.error_budget(
        i["targetPpm"], i["eligible"], i["consumed"], counts(i["recent"]), i["elapsed"]
    ),
    "burnRateRules": lambda i: {"rules": cesizen.burn_rate_rules(i["targetPpm"], i["periodMs"])},
    "burnRateAlerts": lambda i: {
        "evaluations": cesizen.burn_rate_alerts(
            i["targetPpm"],
            i["periodMs"],
            [cesizen.WindowCounts(window_ms=o["windowMs"], counts=counts(o["counts"])) for o in i["observations"]],
        )
    },
    "slaTimerStatus": lambda i: cesizen.sla_timer_status(
        i["goalMs"], calendar(i["calendar"]), [timer_event(e) for e in i["events"]], instant(i["now"])
    ),
    "ticketTimer": ticket_timer,
    "monthlyReport": lambda i: cesizen.monthly_report(i["year"], i["month"], i["timeZone"], observations(i)),
    "dailyReport": lambda i: {
        "services": cesizen.daily_report(i["year"], i["month"], i["timeZone"], observations(i))
    },
    "reliability": lambda i: cesizen.reliability(interval(i["period"]), [interval(o) for o in i["outages"]]),
    "mergeIntervals": lambda i: {"merged": cesizen.merge_intervals([interval(o) for o in i["intervals"]])},
    "splitOutages": lambda i: {
        "pieces": cesizen.split_outages(outages(i["outages"]), [instant(t) for t in i["cuts"]])
    },
    "loadRules": lambda i: {"valid": True, "services": cesizen.load_sla_rules(as_json_text(i["rules"])).services},
    "importOpenSlo": lambda i: {"slos": cesizen.import_open_slo(as_json_text(i["document"]))},
    "exportOpenSlo": export_open_slo,
}
