// What every app of this suite does with @cesizen/sdk, on whichever runtime it runs (browser, Server Component,
// Node route, edge route): validation codes, password rules, an encrypted note round trip and a week's report.
// The driver (apps.test.mjs) runs it in Node too and expects the same result everywhere. `opsScenario` does the
// same with the operations module (`@cesizen/sdk/ops`), which only the pages and routes importing it load.
const USER = '0195c5f2-3ec0-7707-8707-070707070707';
const ENTRIES = [
  ['2025-03-24T08:00:00Z', 'fear', 'worry', 6, -0.5, ['work']],
  ['2025-03-25T12:00:00Z', 'fear', 'stress', 8, -0.75, ['work', 'sleep']],
  ['2025-03-30T10:00:00Z', 'joy', 'gratitude', 9, 1.0, ['friends']],
];

/** Runs the scenario with `sdk` (the package's exports, after `init()`) and returns what it saw. */
export function scenario(sdk) {
  let emailCode = 'no error';
  try {
    sdk.normalizeEmail('alice@');
  } catch (error) {
    emailCode = error instanceof sdk.CesizenError ? error.code : `not a CesizenError: ${error}`;
  }
  const key = sdk.UserKey.importRaw(USER, 0x1234abcd, new Uint8Array(32).fill(7));
  const record = sdk.idFromParts('2025-03-24T08:00:00Z', new Uint8Array(10).fill(9));
  const context = { kind: 'field', user: USER, record, field: 'note' };
  const note = key.openText(context, key.sealText(context, 'slept well'));
  key.free();
  const entries = ENTRIES.map(([recordedAt, base, nuance, intensity, valence, contextTags], i) => {
    const input = { id: sdk.idFromParts(recordedAt, new Uint8Array(10).fill(i + 1)), userId: USER };
    Object.assign(input, { kind: 'momentary_emotion', emotion: { base, nuance }, intensity, valence, contextTags });
    return sdk.validateJournalEntry({ ...input, recordedAt, timeZone: 'Europe/Paris' }).entry;
  });
  const request = { userId: USER, period: { type: 'week', containing: '2025-03-26' }, timeZone: 'Europe/Paris' };
  const report = sdk.emotionReport(entries, request, '2025-03-31T10:00:00Z');
  return {
    version: sdk.sdkVersion(),
    emailCode,
    passwordCodes: sdk.checkPassword('short', 'alice@example.fr'),
    note,
    entryCount: report.entryCount,
    meanValence: report.meanValence.toFixed(2),
  };
}

/** Runs the operations scenario with `ops` (the exports of `@cesizen/sdk/ops`, after its `init()`): an incident
 *  classified, a month's allowed downtime, a keyring wrapping the data key it made. */
export function opsScenario(ops) {
  const keyring = ops.Keyring.generate();
  const key = keyring.generateDataKey(USER);
  const unwrapped = keyring.unwrapDataKey(USER, keyring.wrapDataKey(key));
  const context = { kind: 'user', user: USER };
  const note = unwrapped.openText(context, key.sealText(context, 'wrapped and back'));
  [unwrapped, key, keyring].forEach((object) => object.free());
  return {
    version: ops.sdkVersion(),
    priority: ops.classifyIncident(['app_unreachable']).priority,
    allowedMs: ops.allowedDowntimeRolling(999000, 30).allowedMs,
    note,
  };
}
