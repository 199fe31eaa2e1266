// A small TypeScript consumer of @cesizen/sdk, as a Next.js front end would write it.
import {
  CesizenError,
  Keyring,
  UserKey,
  init,
  monthlyReport,
  newJournalEntryId,
  normalizeEmail,
  sdkVersion,
  type DeadlineStatus,
  type EncryptionContext,
  type GuardDecision,
  type MonthlyReport,
  type NormalizedEmail,
  type RequestAssessment,
  type Risk,
  type ServiceObservations,
  type TimerStatus,
} from '@cesizen/sdk';

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
