// A small TypeScript consumer of @cesizen/sdk, as a Next.js front end would write it.
import {
  CesizenError,
  UserKey,
  init,
  newJournalEntryId,
  normalizeEmail,
  sdkVersion,
  type EncryptionContext,
  type NormalizedEmail,
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
