// The closed lists of the SDK are literal unions generated from the Rust enums: a misspelt code does not compile
// (TS2820 when TypeScript finds a near code to suggest, TS2322 otherwise).
import type { BaseEmotion, ContextTag, EntryKind, LifeEvent, Nuance } from '@cesizen/sdk';

export const kind: EntryKind = 'momentary_emoton'; // error TS2820
export const base: BaseEmotion = 'Joy'; // error TS2820
export const nuance: Nuance = 'wory'; // error TS2820
export const tag: ContextTag = 'wrok'; // error TS2322
export const event: LifeEvent = 'divorced'; // error TS2820

// The right codes compile.
export const fine: [EntryKind, BaseEmotion, Nuance, ContextTag, LifeEvent] = ['daily_mood', 'joy', 'worry', 'work', 'divorce'];

// Password rules: `checkPassword` returns the rules' codes, so a misspelt rule is refused where it is compared.
import { checkPassword, type PasswordViolation } from '@cesizen/sdk';

export const rule: PasswordViolation = 'validation.password.to_short'; // error TS2820
export const tooShort = checkPassword('pw', 'a@b.fr').includes('validation.password.missing_digits'); // error TS2345
export const fineRule: boolean = checkPassword('pw', 'a@b.fr').includes('validation.password.missing_digit');

// Error codes: `CesizenError.code` is the union of the SDK's codes.
import { CesizenError, normalizeEmail } from '@cesizen/sdk';

export function emailProblem(email: string): string | null {
  try {
    normalizeEmail(email);
    return null;
  } catch (e) {
    if (e instanceof CesizenError && e.code === 'validation.emial.invalid') return 'misspelt'; // error TS2367
    if (e instanceof CesizenError && e.code === 'validation.email.invalid') return 'invalid';
    throw e;
  }
}

// The journal entry a form builds: its kind, emotion and tags are the lists' codes.
import type { JournalEntryInput } from '@cesizen/sdk';

const entry = { id: 'i', userId: 'u', intensity: 5, valence: 0, recordedAt: '2025-03-24T08:00:00Z', timeZone: 'Europe/Paris' };
export const badKind: JournalEntryInput = { ...entry, kind: 'momentary_emoton', emotion: { base: 'fear' } }; // error TS2820
export const badBase: JournalEntryInput = { ...entry, kind: 'daily_mood', emotion: { base: 'feer' } }; // error TS2322
export const badNuance: JournalEntryInput = { ...entry, kind: 'daily_mood', emotion: { base: 'fear', nuance: 'wory' } }; // error TS2820
export const badTag: JournalEntryInput = { ...entry, kind: 'daily_mood', emotion: { base: 'joy' }, contextTags: ['wrok'] }; // error TS2322
export const goodEntry: JournalEntryInput = { ...entry, kind: 'daily_mood', emotion: { base: 'fear', nuance: 'worry' }, contextTags: ['work'] };
