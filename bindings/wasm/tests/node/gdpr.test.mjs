// Reading back a portable GDPR export in JavaScript, with the domain's own validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import sdk from '../support/sdk.mjs';

const SUBJECT = '0195943a-3ec0-7707-8707-080808080808';

function exportOf(changes = {}) {
  return {
    format: 'cesizen.export',
    version: 1,
    generatedAt: '2025-03-14T09:00:00Z',
    subject: SUBJECT,
    profile: {
      id: SUBJECT,
      email: 'camille@example.fr',
      displayName: 'Camille',
      role: 'user',
      status: 'active',
      locale: 'fr-FR',
      timeZone: 'Europe/Paris',
      createdAt: '2025-01-01T10:00:00Z',
      lastActiveAt: '2025-03-14T08:00:00Z',
      emailConfirmedAt: null,
    },
    practiceSessions: [],
    journalEntries: [
      {
        id: '0195943a-3ec0-7707-8707-070707070701',
        userId: SUBJECT,
        kind: 'daily_mood',
        emotion: { base: 'joy' },
        intensity: 6,
        valence: 0.5,
        contextTags: [],
        recordedAt: '2025-03-13T20:00:00Z',
        timeZone: 'Europe/Paris',
      },
    ],
    reports: [],
    consents: [],
    requests: [],
    summary: { practiceSessions: 0, journalEntries: 1, reports: 0, consents: 0, requests: 0 },
    ...changes,
  };
}

test('a valid export is read back with its subject and counts, from text or bytes', () => {
  const text = JSON.stringify(exportOf());
  for (const input of [text, new TextEncoder().encode(text)]) {
    assert.deepEqual(sdk.parseGdprExport(input), {
      subject: SUBJECT,
      generatedAt: '2025-03-14T09:00:00Z',
      version: 1,
      summary: { practiceSessions: 0, journalEntries: 1, reports: 0, consents: 0, requests: 0 },
    });
  }
});

test('a truncated, foreign or invalid export is refused with gdpr.export.invalid', () => {
  const invalid = (doc) =>
    assert.throws(
      () => sdk.parseGdprExport(typeof doc === 'string' ? doc : JSON.stringify(doc)),
      (e) => e instanceof sdk.CesizenError && e.code === 'gdpr.export.invalid',
    );
  invalid(JSON.stringify(exportOf()).slice(0, -20));
  invalid(exportOf({ summary: { practiceSessions: 0, journalEntries: 2, reports: 0, consents: 0, requests: 0 } }));
  invalid(exportOf({ subject: '0195943a-3ec0-7707-8707-090909090909' }));
  invalid(exportOf({ version: 2 }));
  const entry = exportOf().journalEntries[0];
  invalid(exportOf({ journalEntries: [{ ...entry, intensity: 11 }] }));
  assert.throws(() => sdk.parseGdprExport(42), (e) => e.code === 'input.argument.invalid');
});
