// A small TypeScript consumer of @cesizen/sdk, as a Next.js front end would write it.
import {
  CesizenError,
  UserKey,
  init,
  newJournalEntryId,
  normalizeEmail,
  sdkVersion,
  type EncryptionContext,
  type GuardDecision,
  type NormalizedEmail,
} from '@cesizen/sdk';
import {
  Keyring,
  assessRequest,
  dailyReport,
  importOpenSlo,
  loadSlaRules,
  monthlyReport,
  validateAlertingRules,
  type AlertRoute,
  type AlertingRules,
  type DayStatus,
  type DeadlineStatus,
  type MonthlyReport,
  type RequestAssessment,
  type RequestEvent,
  type RequestRecord,
  type Risk,
  type ServiceObservations,
  type ServiceDays,
  type SlaRules,
  type TimerStatus,
} from '@cesizen/sdk/ops';

export async function start(): Promise<string> {
  await init();
  const version: string = sdkVersion();
  return version;
}

/** A form field's stable error code, or `null` when the value is valid. */
export function emailProblem(value: string): string | null {
  try {
    const email: NormalizedEmail = normalizeEmail(value);
    return email.lookupKey.length > 0 ? null : 'empty';
  } catch (error) {
    if (error instanceof CesizenError) {
      const code: string = error.code;
      return code;
    }
    throw error;
  }
}

/** Encrypts a journal note on the device before it is sent. */
export function sealNote(userId: string, keyId: number, material: Uint8Array, note: string, now: Date): [string, string] {
  const entryId = newJournalEntryId(now);
  const context: EncryptionContext = { kind: 'field', user: userId, record: entryId, field: 'note' };
  const key = UserKey.importRaw(userId, keyId, material);
  try {
    return [entryId, key.sealText(context, note)];
  } finally {
    key.free();
  }
}

// The declared types are real, not `any`: wrong arguments do not compile.
// @ts-expect-error a number is not a time
newJournalEntryId(42);
// @ts-expect-error the result is a string
export const notANumber: number = newJournalEntryId('2025-03-14T09:30:00Z');
// @ts-expect-error a context needs its kind's fields
export const badContext: EncryptionContext = { kind: 'field', user: 'u' };
// @ts-expect-error normalizeEmail returns an object, not a string
export const notAString: string = normalizeEmail('a@b.fr');

/** The month's SLA lines a status page shows: typed results, not `JsonValue`. */
export function monthLines(observed: { [service: string]: ServiceObservations }): string[] {
  const report: MonthlyReport = monthlyReport(2025, 4, 'Europe/Paris', observed);
  return report.services.map((s) => `${s.name}: ${s.availability.availabilityPpm ?? 'n/a'} ppm, met ${s.met}`);
}

/** A status page's uptime bars: each service's days and its budget left at the month's end, typed. */
export function uptimeBars(observed: { [service: string]: ServiceObservations }): string[] {
  const services: ServiceDays[] = dailyReport(2025, 4, 'Europe/Paris', observed);
  return services.map((s) => {
    const bars = s.days.map((d) => (d.status satisfies DayStatus) === 'up' ? '█' : '▁').join('');
    return `${s.service} (${s.target} ppm) ${bars} ${s.budgetLeftPpm[s.days.length] ?? 'no budget'}`;
  });
}

// @ts-expect-error a day's status is one of Statuspage's four
export const badDay: DayStatus = 'degraded';

/** Where a GDPR request and an operations alert stand, and the keyring's budget, in one dashboard line. */
export function opsLine(request: RequestAssessment, decision: GuardDecision, keyring: Keyring): string {
  const legal: DeadlineStatus = request.legal.status;
  const rollout = decision.decision === 'rollout' ? `${decision.percent} %` : decision.decision;
  const used = keyring.keys().reduce((n, k) => n + k.messagesSealed, 0);
  return `${legal} · ${rollout} · ${used}/${keyring.messageLimit} (primary ${keyring.primaryId})`;
}

// @ts-expect-error a timer's state is one of its states, not any string
export const badState: TimerStatus = { goalMs: 1, state: 'late', cycles: [] };
// @ts-expect-error the risk matrix's levels are known
export const badRisk: Risk['level'] = 'severe';

/** A stored access request, replayed to show its deadlines: the history is typed event by event. */
export function accessRequestDeadline(id: string, subject: string, receivedAt: string, now: Date): DeadlineStatus {
  const history: RequestEvent[] = [
    { event: 'received', at: receivedAt },
    { event: 'identity_verified', at: receivedAt, method: 'authenticated_session' },
  ];
  const request: RequestRecord = { id, subject, kind: 'access', history };
  return assessRequest(request, now).legal.status;
}

/** A refusal as stored: the reason and the remedies told to the person. */
export const refused: RequestEvent = {
  event: 'refused',
  at: '2025-03-04T09:00:00Z',
  reason: 'manifestly_unfounded',
  remediesNotified: true,
};

/** Operations settings edited in the admin: only what differs from the plan, typed section by section. */
export function checkOpsSettings(groupingMinutes: number): number {
  const alerting: AlertingRules = {
    groupingWindowMs: groupingMinutes * 60_000,
    security: { failedLoginsAbove: 50, vulnerabilityFrom: 'high', trafficAbovePercent: 200, certificateWithinDays: 30 },
    maintenance: {
      timeZone: 'Europe/Paris',
      tasks: [{ name: 'database_backup', recurrence: { every: 'week', on: 'sunday' }, at: '00:30' }],
    },
  };
  validateAlertingRules(alerting);
  const rules: SlaRules = {
    alerting,
    services: [{ id: 'core-api', name: 'Core API', targetPercent: 99.95 }],
    timerCalendar: {
      kind: 'business_hours', timeZone: 'Europe/Paris', days: ['monday', 'friday'], from: '09:00', to: '18:00',
      dayHours: { friday: { from: '09:00', to: '16:00' } },
    },
    resolutionTimer: { startOn: ['to_do'], stopOn: ['deployed', 'closed'] },
  };
  const services: number = loadSlaRules(rules);
  return services;
}

/** OpenSLO documents come from outside (YAML or JSON parsed by the caller): any JSON object is accepted. */
export const imported = importOpenSlo({ apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'x' }, spec: {} });

// The rules and the request history are typed, not `JsonValue`: wrong shapes do not compile.
// @ts-expect-error an event the workflow does not know
export const badEvent: RequestEvent = { event: 'approved', at: '2025-03-04T09:00:00Z' };
// @ts-expect-error every event is dated
export const undatedEvent: RequestEvent = { event: 'completed' };
// @ts-expect-error a stored refusal always told the person of the remedies
export const silentRefusal: RequestEvent = { event: 'refused', at: 't', reason: 'excessive', remediesNotified: false };
// @ts-expect-error the request's kind is a right of the GDPR
export const badKind: RequestRecord = { id: 'i', subject: 's', kind: 'deletion', history: [] };
// @ts-expect-error the history is a list of events, not one
assessRequest({ id: 'i', subject: 's', kind: 'access', history: { event: 'received', at: 't' } }, 'now');
// @ts-expect-error a misspelt section is refused
validateAlertingRules({ groupingWindow: 60_000 });
// @ts-expect-error a grouping window is milliseconds, not text
validateAlertingRules({ groupingWindowMs: '15 min' });
// @ts-expect-error a threshold table names every metric (here only one)
validateAlertingRules({ thresholds: { cpu: { polarity: 'higher_is_worse', boundaries: [] } } });
// @ts-expect-error chat delivery has known modes
export const badRoute: AlertRoute = { chat: { mode: 'pager' }, email: { mode: 'immediate' }, smsOnCall: false, dashboard: { color: 'red', blinking: true } };
// @ts-expect-error a misspelt section of the SLA rules is refused
loadSlaRules({ servcies: [] });
// @ts-expect-error timer goals name the security levels too
loadSlaRules({ timerGoals: { priorities: { p1: 1, p2: 2, p3: 3, p4: 4 } } });
// @ts-expect-error working days are days of the week
loadSlaRules({ timerCalendar: { kind: 'business_hours', timeZone: 'Europe/Paris', days: ['mon'], from: '09:00', to: '18:00' } });
