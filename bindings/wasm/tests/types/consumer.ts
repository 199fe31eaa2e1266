// A small TypeScript consumer of @cesizen/sdk, as a Next.js front end would write it.
import { CesizenError, init, newJournalEntryId, sdkVersion } from '@cesizen/sdk';

export async function start(): Promise<string> {
  await init();
  const version: string = sdkVersion();
  return version;
}

export function nameEntry(now: Date): string | { code: string } {
  try {
    return newJournalEntryId(now);
  } catch (error) {
    if (error instanceof CesizenError) {
      const code: string = error.code;
      return { code };
    }
    throw error;
  }
}

// The declared types are real, not `any`: wrong arguments do not compile.
// @ts-expect-error a number is not a time
newJournalEntryId(42);
// @ts-expect-error the result is a string
export const notANumber: number = newJournalEntryId('2025-03-14T09:30:00Z');
