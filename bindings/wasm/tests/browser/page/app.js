// The test page's script: the package used as a front end would use it, through the DOM.
import * as sdk from '/pkg/index.js';

const $ = (id) => document.getElementById(id);
const USER = '0195943a-3ec0-7707-8707-080808080808';

/** The stable code of a CesizenError, or a loud marker for anything else. */
const codeOf = (error) => (error instanceof sdk.CesizenError ? error.code : `not a CesizenError: ${error}`);

/** Runs `fn`, showing its result in `#out` or the error code in `#out-error`. */
function show(out, fn) {
  $(out).textContent = '';
  $(`${out}-error`).textContent = '';
  try {
    $(out).textContent = fn();
    return true;
  } catch (error) {
    $(`${out}-error`).textContent = codeOf(error);
    return false;
  }
}

function row(table, cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement('td');
    td.textContent = cell;
    tr.append(td);
  }
  $(table).querySelector('tbody').append(tr);
}

await sdk.init();
$('version').textContent = sdk.sdkVersion();

// Sign-up form: each field checked by the SDK; the page shows codes (a real front end translates them).
$('sign-up').addEventListener('submit', (event) => {
  event.preventDefault();
  let valid = true;
  for (const [field, check] of [
    ['email', (v) => sdk.normalizeEmail(v)],
    ['display-name', (v) => sdk.parseDisplayName(v)],
  ]) {
    $(`${field}-error`).textContent = '';
    try {
      check($(field).value);
    } catch (error) {
      $(`${field}-error`).textContent = codeOf(error);
      valid = false;
    }
  }
  $('password-problems').replaceChildren();
  try {
    for (const code of sdk.checkPassword($('password').value, $('email').value)) {
      const li = document.createElement('li');
      li.textContent = code;
      $('password-problems').append(li);
      valid = false;
    }
  } catch (error) {
    valid = false;
  }
  $('sign-up-result').textContent = valid ? `ok: ${sdk.normalizeEmail($('email').value).email}` : 'invalid';
});

// Client-side encryption: the note is sealed for its user, entry and field before it would be sent.
const key = sdk.UserKey.importRaw(USER, 0x1234abcd, crypto.getRandomValues(new Uint8Array(32)));
let sealed = null;
$('encrypt').addEventListener('click', () => {
  $('envelope').textContent = '';
  if (!show('entry-id', () => sdk.newJournalEntryId($('recorded-at').value))) return;
  const context = { kind: 'field', user: USER, record: $('entry-id').textContent, field: 'note' };
  sealed = { context, envelope: key.sealText(context, $('note').value) };
  $('envelope').textContent = sealed.envelope;
});
$('decrypt').addEventListener('click', () => show('decrypted', () => key.openText(sealed.context, sealed.envelope)));

// A week's emotion report, computed on the device from validated entries.
const ENTRIES = [
  ['2025-03-24T08:00:00Z', 'fear', 'worry', 6, -0.5, ['work']],
  ['2025-03-24T19:00:00Z', 'joy', 'relief', 7, 0.5, []],
  ['2025-03-25T12:00:00Z', 'fear', 'stress', 8, -0.75, ['work', 'sleep']],
  ['2025-03-27T21:00:00Z', 'sadness', null, 4, -0.25, []],
  ['2025-03-30T10:00:00Z', 'joy', 'gratitude', 9, 1.0, ['friends']],
];
$('report').addEventListener('click', () => {
  const entries = ENTRIES.map(([recordedAt, base, nuance, intensity, valence, contextTags], i) => {
    const { entry } = sdk.validateJournalEntry({
      id: sdk.idFromParts(recordedAt, new Uint8Array(10).fill(i + 1)),
      userId: USER,
      kind: 'momentary_emotion',
      emotion: nuance ? { base, nuance } : { base },
      intensity,
      valence,
      contextTags,
      recordedAt,
      timeZone: 'Europe/Paris',
    });
    return entry;
  });
  const report = sdk.emotionReport(
    entries,
    { userId: USER, period: { type: 'week', containing: '2025-03-26' }, timeZone: 'Europe/Paris' },
    '2025-03-31T10:00:00Z',
  );
  $('entry-count').textContent = report.entryCount;
  $('mean-valence').textContent = report.meanValence?.toFixed(2) ?? '—';
  for (const day of report.days) row('days', [day.date, day.entryCount, day.meanValence?.toFixed(2) ?? '—']);
  for (const e of report.emotions) row('emotions', [e.emotion, e.count, e.topNuance ?? '—']);
});

document.body.dataset.ready = 'true';
