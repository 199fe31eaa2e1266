// Bad calls for every function of the package, and good calls to make after them (shared by the Node and the
// browser tests). Each bad call is `[name, (sdk) => …]` and must throw a CesizenError.

const HUGE = 'x'.repeat(4 * 1024 * 1024);
const WRONG = [null, undefined, 0, -1, Number.NaN, 1e308, true, {}, [], () => 1, Symbol('s'), 10n, HUGE];

/** Every function of the package, called with every wrong value in every position. */
export const BAD_CALLS = [
  ...WRONG.map((bad) => [`newJournalEntryId(${describe(bad)})`, (sdk) => sdk.newJournalEntryId(bad)]),
  ...WRONG.map((bad) => [`newPracticeSessionId(${describe(bad)})`, (sdk) => sdk.newPracticeSessionId(bad)]),
];

/** Good calls and a check of their result. */
export const GOOD_CALLS = [
  [
    'newJournalEntryId',
    (sdk) => sdk.newJournalEntryId('2025-03-14T09:30:00Z'),
    (id) => {
      if (!/^019593fd-35c0-7/.test(id)) throw new Error(`unexpected id ${id}`);
    },
  ],
];

function describe(value) {
  if (typeof value === 'string') return value.length > 20 ? `<${value.length} chars>` : JSON.stringify(value);
  if (typeof value === 'function') return 'function';
  if (typeof value === 'symbol' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? String(value);
}
