// Ids of records created on the device: UUIDv7 from the caller's time.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import sdk from '../support/sdk.mjs';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('new ids are UUIDv7 whose time prefix is the given time, from a Date or a string', () => {
  const now = new Date('2025-03-14T09:30:00Z');
  for (const make of [sdk.newJournalEntryId, sdk.newPracticeSessionId]) {
    for (const time of [now, '2025-03-14T10:30:00+01:00']) {
      const id = make(time);
      assert.match(id, UUID_V7);
      assert.equal(parseInt(id.replaceAll('-', '').slice(0, 12), 16), now.getTime());
    }
  }
});

test('two ids made at the same time differ (random bits from the platform CSPRNG)', () => {
  const now = new Date('2025-03-14T09:30:00Z');
  const ids = new Set(Array.from({ length: 1000 }, () => sdk.newJournalEntryId(now)));
  assert.equal(ids.size, 1000);
});
