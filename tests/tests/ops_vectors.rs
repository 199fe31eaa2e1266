//! Runs the shared vectors `incidents.json`, `alerting.json` and `sla.json` against `cesizen-core` and
//! `cesizen-sla`.
//!
//! Each `op` is named after the function a binding exposes; inputs are the JSON shapes the SDK reads
//! (validated types deserialize through their constructors), so a refused value yields the stable code a
//! binding returns.

use std::collections::BTreeMap;

use cesizen::core::CalendarMonth;
use cesizen::core::alerting::{
    AlertDesk, AlertGrouper, AlertKey, AlertLifecycleEvent, AlertingRules, AlertingRulesSpec, DashboardTargets,
    DeploymentGuard, EscalationPolicy, MaintenanceCalendar, Metric, MonitoringThresholds, OpsSnapshot, QualityMetric,
    QualityScales, RaisedAlert, SecurityAlertRules, SecurityRating, SecuritySignals, risk_matrix,
};
use cesizen::core::incident::{
    BreachNotificationClock, IncidentId, Priority, SecurityEventKind, SecurityLevel, SupportLevel, Ticket,
    TicketAction, TicketRecord, TicketStatus, classify, classify_security,
};
use cesizen::core::user::IanaTimeZone;
use cesizen::sla::{
    AllowedDowntime, BurnRatePolicy, ErrorBudget, ErrorCounts, GoalTable, ImportedSlo, Interval, Millis, Outage, Ppm,
    Rules, SamplePolicy, SampleStatus, ServiceCatalog, ServiceId, ServiceObservations, SlaTimer, SloDefinition,
    SloTarget, TimerConditions, TimerEvent, WindowObservation, WorkCalendar, availability_check, count_samples,
    daily_report, export_openslo, import_openslo, merge, monthly_report, reliability, split_at,
};
use cesizen_tests::{Case, Outcome, check_file, load};
use chrono::{DateTime, TimeDelta, Utc};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Reads a well-formed part of a vector's input; a malformed vector is a bug in the vector.
fn read<T: DeserializeOwned>(input: &Value, key: &str) -> T {
    serde_json::from_value(input[key].clone()).unwrap_or_else(|e| panic!("input.{key}: {e}"))
}

fn to_json(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).expect("outputs serialize")
}

fn core_code(error: impl Into<cesizen::core::Error>) -> String {
    error.into().code().to_owned()
}

fn sla_code(error: cesizen::sla::SlaError) -> String {
    error.code().to_owned()
}

/// The input's `year` and `month`, refused as the SLA functions refuse a month (`sla.period.invalid`).
fn month(input: &Value) -> Result<CalendarMonth, String> {
    CalendarMonth::new(read(input, "year"), read(input, "month")).map_err(|e| sla_code(e.into()))
}

fn time(input: &Value, key: &str) -> DateTime<Utc> {
    read(input, key)
}

fn target(input: &Value) -> Result<SloTarget, String> {
    SloTarget::new(read(input, "targetPpm")).map_err(sla_code)
}

/// The time zone and the observations by service of a month's report (`monthlyReport`, `dailyReport`).
fn month_observations(
    input: &Value,
) -> Result<(cesizen::core::tz::Tz, BTreeMap<ServiceId, ServiceObservations>), String> {
    let zone = IanaTimeZone::parse(&read::<String>(input, "timeZone"))
        .expect("a zone")
        .tz();
    let raw: BTreeMap<String, ServiceObservations> = read(input, "observations");
    let observed = raw
        .into_iter()
        .map(|(id, o)| Ok((ServiceId::new(id).map_err(sla_code)?, o)))
        .collect::<Result<BTreeMap<_, _>, String>>()?;
    Ok((zone, observed))
}

fn run_incidents(case: &Case) -> Outcome {
    let input = &case.input;
    match case.op.as_str() {
        "classifyIncident" => {
            let p = classify(&read::<Vec<_>>(input, "impacts")).map_err(core_code)?;
            Ok(to_json(p.classification()))
        }
        "classifySecurityIncident" => {
            let l = classify_security(&read::<Vec<SecurityEventKind>>(input, "events")).map_err(core_code)?;
            Ok(to_json(l.classification()))
        }
        "supportGoal" => {
            let level: SupportLevel = read(input, "level");
            Ok(to_json(level.commitment(read(input, "priority"))))
        }
        "parseIncidentId" => {
            let id: IncidentId = read::<String>(input, "id").parse().map_err(core_code)?;
            Ok(to_json(id.parsed().map_err(core_code)?))
        }
        "applyTicketAction" => {
            let status: TicketStatus = read(input, "status");
            let next = status.apply(read::<TicketAction>(input, "action")).map_err(core_code)?;
            Ok(json!({"status": next}))
        }
        "replayTicket" => {
            let ticket = replay_ticket(&input["ticket"])?;
            Ok(to_json(ticket.status().state()))
        }
        "breachNotificationDeadline" => {
            let clock = BreachNotificationClock::new(time(input, "awareAt"));
            Ok(to_json(clock.status(time(input, "now"))))
        }
        other => panic!("unknown op {other}"),
    }
}

/// A ticket replayed from its JSON record: a refused history gives the workflow's code.
fn replay_ticket(value: &Value) -> Result<Ticket, String> {
    let record: TicketRecord = serde_json::from_value(value.clone()).expect("a well-formed ticket record");
    Ticket::try_from(record).map_err(core_code)
}

fn run_alerting(case: &Case) -> Outcome {
    let input = &case.input;
    match case.op.as_str() {
        "classifyMetric" => {
            let s = MonitoringThresholds::plan().classify(read::<Metric>(input, "metric"), read(input, "value"));
            Ok(json!({"severity": s.map_err(core_code)?}))
        }
        "gradeQuality" => {
            let g = QualityScales::plan().grade(read::<QualityMetric>(input, "metric"), read(input, "value"));
            Ok(json!({"grade": g.map_err(core_code)?}))
        }
        "gradeSecurityRating" => Ok(json!({"grade": read::<SecurityRating>(input, "rating").grade()})),
        "evaluateSecuritySignals" => {
            let alerts =
                SecurityAlertRules::plan().evaluate(&read::<SecuritySignals>(input, "signals"), time(input, "now"));
            Ok(json!({"alerts": alerts}))
        }
        "planNotifications" => {
            let plan = AlertingRules::plan().notification_plan(read(input, "priority"), time(input, "raisedAt"));
            Ok(to_json(plan.map_err(core_code)?))
        }
        "nextMaintenanceOccurrences" => {
            let next = MaintenanceCalendar::plan().next_occurrences(time(input, "after"), read(input, "count"));
            Ok(json!({"occurrences": next.map_err(core_code)?}))
        }
        "escalationNotices" => {
            let policy = match input.get("policy") {
                Some(spec) => serde_json::from_value::<cesizen::core::alerting::EscalationPolicySpec>(spec.clone())
                    .expect("a well-formed policy")
                    .try_into()
                    .map_err(|e: cesizen::core::alerting::ConfigError| e.code().to_owned())?,
                None => EscalationPolicy::plan(read(input, "priority")),
            };
            let events: Vec<AlertLifecycleEvent> = read(input, "events");
            let now = time(input, "now");
            Ok(to_json(policy.schedule_at(&events, now).map_err(core_code)?))
        }
        "evaluateDeployment" => {
            let errors: Vec<DateTime<Utc>> = read(input, "criticalErrors");
            let decision = DeploymentGuard::plan().evaluate(time(input, "releasedAt"), &errors, time(input, "now"));
            Ok(to_json(decision.map_err(core_code)?))
        }
        "assessDashboard" => {
            let snapshot: OpsSnapshot = serde_json::from_value(input.clone()).expect("a snapshot");
            Ok(json!({"indicators": DashboardTargets::plan().assess(&snapshot)}))
        }
        "riskMatrix" => Ok(json!({"risks": risk_matrix()})),
        "alertDesk" => {
            let mut desk = AlertDesk::default();
            let mut dispositions = Vec::new();
            for event in input["events"].as_array().expect("events") {
                let d = if let Some(raised) = event.get("raise") {
                    desk.raise(serde_json::from_value::<RaisedAlert>(raised.clone()).expect("an alert"))
                } else {
                    let key: AlertKey = read(&event["resolve"], "key");
                    desk.resolve(&key, time(&event["resolve"], "at"))
                };
                dispositions.push(d.map_err(core_code)?);
            }
            Ok(json!({"dispositions": dispositions}))
        }
        "groupAlerts" => {
            let window = TimeDelta::milliseconds(read(input, "windowMs"));
            let mut grouper = AlertGrouper::new(window).map_err(|e| e.code().to_owned())?;
            let mut groups = Vec::new();
            for alert in input["alerts"].as_array().expect("alerts") {
                let at = time(alert, "at");
                groups.extend(grouper.flush_due(at));
                grouper
                    .add(&read(alert, "group"), read(alert, "key"), at)
                    .map_err(core_code)?;
            }
            groups.extend(grouper.flush_due(time(input, "flushAt")));
            Ok(json!({"groups": groups}))
        }
        "validateAlertingRules" => {
            let spec: AlertingRulesSpec = read(input, "rules");
            AlertingRules::try_from(spec).map_err(|e| e.code().to_owned())?;
            Ok(json!({"valid": true}))
        }
        other => panic!("unknown op {other}"),
    }
}

/// Intervals from `[{ "start", "end" }]`, through [`Interval::new`] so a reversed one gives its code.
fn intervals(value: &Value) -> Result<Vec<Interval>, String> {
    let raw: Vec<Value> = serde_json::from_value(value.clone()).expect("a list of intervals");
    raw.iter()
        .map(|i| Interval::new(time(i, "start"), time(i, "end")).map_err(sla_code))
        .collect()
}

/// Outages from `[{ "start", "end", "weight"? }]`, weight in ppm defaulting to a full outage.
fn outages(value: &Value) -> Result<Vec<Outage>, String> {
    let raw: Vec<Value> = serde_json::from_value(value.clone()).expect("a list of outages");
    let spans = intervals(value)?;
    raw.iter()
        .zip(spans)
        .map(|(o, span)| match o.get("weight") {
            None => Ok(Outage::full(span)),
            Some(w) => Ok(Outage::partial(
                span,
                Ppm::new(serde_json::from_value(w.clone()).expect("a weight")).map_err(sla_code)?,
            )),
        })
        .collect()
}

/// `{ "bad", "total" }` through [`ErrorCounts::new`].
fn counts(value: &Value) -> Result<ErrorCounts, String> {
    ErrorCounts::new(read(value, "bad"), read(value, "total")).map_err(sla_code)
}

fn run_sla(case: &Case) -> Outcome {
    let input = &case.input;
    match case.op.as_str() {
        "allowedDowntime" => {
            let t = target(input)?;
            let downtime = match input.get("days") {
                Some(_) => AllowedDowntime::rolling(t, read(input, "days")),
                None => {
                    let zone = IanaTimeZone::parse(&read::<String>(input, "timeZone"))
                        .expect("a zone")
                        .tz();
                    AllowedDowntime::in_month(t, month(input)?, zone).map_err(sla_code)?
                }
            };
            let allowed = downtime.allowed_ms;
            Ok(json!({"periodMs": downtime.period_ms, "allowedMs": allowed, "allowedMinutes": allowed / 60_000}))
        }
        "availability" => {
            let t = target(input)?;
            Ok(to_json(availability_check(
                &read(input, "period"),
                &outages(&input["outages"])?,
                &intervals(&input["maintenance"])?,
                t,
            )))
        }
        "sampleAvailability" => {
            let samples: Vec<SampleStatus> = read(input, "samples");
            Ok(to_json(
                count_samples(&samples).availability(read::<SamplePolicy>(input, "policy")),
            ))
        }
        "errorBudget" => {
            let t = target(input)?;
            let recent = counts(&input["recent"])?;
            let b = ErrorBudget::new(t, read(input, "eligible"), read(input, "consumed"));
            Ok(to_json(b.status(recent, read(input, "elapsed"))))
        }
        "burnRateRules" => {
            let rules = BurnRatePolicy::sre_workbook().thresholds(target(input)?, read(input, "periodMs"));
            Ok(json!({"rules": rules}))
        }
        "burnRateAlerts" => {
            let observations = input["observations"]
                .as_array()
                .expect("observations")
                .iter()
                .map(|o| {
                    Ok(WindowObservation {
                        window_ms: read(o, "windowMs"),
                        counts: counts(&o["counts"])?,
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            let e = BurnRatePolicy::sre_workbook().evaluate(target(input)?, read(input, "periodMs"), &observations);
            Ok(json!({"evaluations": e}))
        }
        "slaTimerStatus" => {
            let calendar: WorkCalendar = read(input, "calendar");
            let events: Vec<TimerEvent> = read(input, "events");
            let timer = SlaTimer::replay(read(input, "goalMs"), calendar, &events).map_err(sla_code)?;
            Ok(to_json(timer.status(time(input, "now")).map_err(sla_code)?))
        }
        "ticketTimer" => {
            let ticket = replay_ticket(&input["ticket"])?;
            let (conditions, goal) = match read::<String>(input, "conditions").as_str() {
                "resolution" => {
                    let goal = GoalTable::plan().goal(ticket.priority(), ticket.security_level());
                    (TimerConditions::resolution(), goal)
                }
                "response" => {
                    let goal = SupportLevel::L1.goal(ticket.priority()).expect("L1 has a goal").within;
                    (TimerConditions::response(), Millis::try_from(goal).map_err(sla_code)?)
                }
                other => panic!("unknown conditions {other}"),
            };
            Ok(to_json(
                conditions
                    .ticket_timer(&ticket, goal, WorkCalendar::always_on(), time(input, "now"))
                    .map_err(sla_code)?,
            ))
        }
        "monthlyReport" => {
            let (zone, observed) = month_observations(input)?;
            let report = monthly_report(&ServiceCatalog::plan(), month(input)?, zone, &observed);
            Ok(to_json(report.map_err(sla_code)?))
        }
        "dailyReport" => {
            let (zone, observed) = month_observations(input)?;
            let services = daily_report(&ServiceCatalog::plan(), month(input)?, zone, &observed);
            Ok(json!({"services": services.map_err(sla_code)?}))
        }
        "reliability" => Ok(to_json(reliability(
            &read(input, "period"),
            &intervals(&input["outages"])?,
        ))),
        "mergeIntervals" => Ok(json!({"merged": merge(&intervals(&input["intervals"])?)})),
        "splitOutages" => {
            Ok(json!({"pieces": split_at(&outages(&input["outages"])?, &read::<Vec<DateTime<Utc>>>(input, "cuts"))}))
        }
        "loadRules" => {
            let rules = Rules::from_json(&input["rules"].to_string()).map_err(sla_code)?;
            Ok(json!({"valid": true, "services": rules.services().services().len()}))
        }
        "importOpenSlo" => {
            let slos = import_openslo(&input["document"].to_string()).map_err(sla_code)?;
            let out: Vec<ImportedSlo> = slos.iter().map(SloDefinition::summary).collect();
            Ok(json!({"slos": out}))
        }
        "exportOpenSlo" => {
            let catalog: ServiceCatalog = read(input, "services");
            let zone = IanaTimeZone::parse(&read::<String>(input, "timeZone"))
                .expect("a zone")
                .tz();
            Ok(json!({"documents": export_openslo(&catalog, zone)}))
        }
        other => panic!("unknown op {other}"),
    }
}

#[test]
fn incident_vectors() {
    check_file("incidents", run_incidents);
}

#[test]
fn alerting_vectors() {
    check_file("alerting", run_alerting);
}

#[test]
fn sla_vectors() {
    check_file("sla", run_sla);
}

/// Every security level and priority in the vectors is one the SDK knows, and vice versa.
#[test]
fn vectors_cover_every_priority_and_level() {
    let file = load("incidents");
    let text = serde_json::to_string(&file.cases.iter().map(|c| &c.expected).collect::<Vec<_>>()).expect("json");
    for p in Priority::ALL {
        assert!(text.contains(&format!("\"priority\":\"{p}\"")), "{p}");
    }
    for l in SecurityLevel::ALL {
        assert!(text.contains(&format!("\"level\":\"{l}\"")), "{l}");
    }
}
