"""The operations of alerting.json."""

import json

import cesizen
from ops_support import enum_of, instant
from vectors import tagged


def security_signals(s):
    traffic = s.get("traffic")
    certificate = s.get("certificateExpiresAt")
    vulnerability = s.get("worstVulnerability")
    return cesizen.SecuritySignals(
        failed_logins_per_minute=s.get("failedLoginsPerMinute", 0),
        data_access_anomaly=s.get("dataAccessAnomaly", False),
        admin_privilege_changes=s.get("adminPrivilegeChanges", 0),
        worst_vulnerability=None if vulnerability is None else enum_of(cesizen.VulnerabilitySeverity, vulnerability),
        traffic=None if traffic is None else cesizen.TrafficSample(current=traffic["current"], baseline=traffic["baseline"]),
        certificate_expires_at=None if certificate is None else instant(certificate),
    )


def lifecycle_event(e):
    kinds = {
        "triggered": cesizen.AlertLifecycleEvent.TRIGGERED,
        "acknowledged": cesizen.AlertLifecycleEvent.ACKNOWLEDGED,
        "closed": cesizen.AlertLifecycleEvent.CLOSED,
    }
    return kinds[e["kind"]](at=instant(e["at"]))


def escalation_notices(i):
    events = [lifecycle_event(e) for e in i["events"]]
    if "policy" not in i:
        return cesizen.plan_escalation_notices(enum_of(cesizen.Priority, i["priority"]), events, instant(i["now"]))
    p = i["policy"]
    policy = cesizen.EscalationPolicySpec(
        steps=[cesizen.EscalationStep(targets=s["targets"], escalate_after_ms=s["escalateAfterMs"]) for s in p["steps"]],
        repeat=p.get("repeat", 0),
        until=enum_of(cesizen.EscalateUntil, p["until"]),
        ack_timeout_ms=p.get("ackTimeoutMs"),
    )
    return cesizen.escalation_notices(policy, events, instant(i["now"]))


def plan_of(i):
    """A deployment's own plan, read from the JSON text of the vector's `plan` object."""
    return cesizen.Plan.from_json(json.dumps(i["plan"]))


def plan_escalation_notices(i):
    events = [lifecycle_event(e) for e in i["events"]]
    return plan_of(i).escalation_notices(enum_of(cesizen.Priority, i["priority"]), events, instant(i["now"]))


def plan_resolution_goal(i):
    level = i.get("securityLevel")
    level = None if level is None else enum_of(cesizen.SecurityLevel, level)
    return {"goalMs": plan_of(i).resolution_goal_ms(enum_of(cesizen.Priority, i["priority"]), level)}


def assess_dashboard(i):
    snapshot = cesizen.OpsSnapshot(
        open_tickets=i["openTickets"],
        p1_p2_incidents=i["p1P2Incidents"],
        deployments_per_week=i["deploymentsPerWeek"],
        production_bugs=i["productionBugs"],
        mean_resolution_ms=i["meanResolutionMs"],
    )
    return {
        "indicators": [
            {"indicator": cesizen.ops_indicator_code(a.indicator), "status": a.status}
            for a in cesizen.assess_dashboard(snapshot)
        ]
    }


def alert_desk(i):
    desk = cesizen.AlertDesk()
    dispositions = []
    for e in i["events"]:
        if "raise" in e:
            r = e["raise"]
            alert = cesizen.RaisedAlert(
                key=r["key"], subject=r["subject"], severity=enum_of(cesizen.Severity, r["severity"]), at=instant(r["at"])
            )
            d = desk.raise_alert(alert)
        else:
            d = desk.resolve(e["resolve"]["key"], instant(e["resolve"]["at"]))
        dispositions.append(tagged("kind", d))
    return {"dispositions": dispositions}


def group_alerts(i):
    grouper = cesizen.AlertGrouper(i["windowMs"])
    groups = []
    for a in i["alerts"]:
        groups.extend(grouper.flush_due(instant(a["at"])))
        grouper.add(a["group"], a["key"], instant(a["at"]))
    groups.extend(grouper.flush_due(instant(i["flushAt"])))
    return {"groups": groups}


def validate_alerting_rules(i):
    cesizen.validate_alerting_rules(json.dumps(i["rules"], default=float))
    return {"valid": True}


ALERTING_OPS = {
    "classifyMetric": lambda i: {
        "severity": cesizen.classify_metric(enum_of(cesizen.Metric, i["metric"]), float(i["value"]))
    },
    "gradeQuality": lambda i: {
        "grade": cesizen.grade_quality(enum_of(cesizen.QualityMetric, i["metric"]), float(i["value"]))
    },
    "gradeSecurityRating": lambda i: {
        "grade": cesizen.grade_security_rating(cesizen.SecurityRating[i["rating"].replace("+", "_PLUS")])
    },
    "evaluateSecuritySignals": lambda i: {
        "alerts": cesizen.evaluate_security_signals(security_signals(i["signals"]), instant(i["now"]))
    },
    "planNotifications": lambda i: cesizen.plan_notifications(
        enum_of(cesizen.Priority, i["priority"]), instant(i["raisedAt"])
    ),
    "nextMaintenanceOccurrences": lambda i: {
        "occurrences": cesizen.next_maintenance_occurrences(instant(i["after"]), i["count"])
    },
    "escalationNotices": escalation_notices,
    "planEscalationNotices": plan_escalation_notices,
    "planResolutionGoal": plan_resolution_goal,
    "evaluateDeployment": lambda i: tagged(
        "decision",
        cesizen.evaluate_deployment(
            instant(i["releasedAt"]), [instant(t) for t in i["criticalErrors"]], instant(i["now"])
        ),
    ),
    "assessDashboard": assess_dashboard,
    "riskMatrix": lambda _i: {"risks": cesizen.risk_matrix()},
    "alertDesk": alert_desk,
    "groupAlerts": group_alerts,
    "validateAlertingRules": validate_alerting_rules,
}
