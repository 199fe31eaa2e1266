// Bad calls for every function of the package, and good calls to make after them (shared by the Node and the
// browser tests). Every exported function is called with every wrong value in every parameter; each call must
// throw a CesizenError. Functions are found by enumerating the package, so a new one is covered at once.

const HUGE = 'x'.repeat(4 * 1024 * 1024);

/** Values that no parameter of the package accepts. */
export const WRONG = [
  ['null', null],
  ['undefined', undefined],
  ['NaN', Number.NaN],
  ['1.5', 1.5],
  ['true', true],
  ['{}', {}],
  ['symbol', Symbol('s')],
  ['function', () => 1],
  ['bigint', 10n],
  ['huge string', HUGE],
  ['invalid Date', new Date(Number.NaN)],
];

/** Exports that are not SDK calls. */
const NOT_CALLS = new Set(['init']);

/** The package's plain functions that take arguments (classes, whose names start upper-case, are exercised by
 *  their own tests; a function without parameters has nothing to get wrong). */
export function functionsOf(sdk) {
  return Object.entries(sdk).filter(
    ([name, value]) => typeof value === 'function' && !NOT_CALLS.has(name) && /^[a-z]/.test(name) && value.length > 0,
  );
}

/** Values of WRONG that a function's parameters do accept: rules and documents given as data may be an empty
 *  object (every setting then takes the plan's default); any text is a password and an e-mail being typed (the
 *  huge one breaks `validation.password.too_long`), and a code to `canonicalCode` (an unknown one is returned as
 *  it is). */
const ACCEPTED = {
  canonicalCode: new Set(['huge string']),
  checkPassword: new Set(['huge string']),
  importOpenSlo: new Set(['{}']),
  loadSlaRules: new Set(['{}']),
  validateAlertingRules: new Set(['{}']),
};

/** `[name, (sdk) => call]` for every function, every wrong value, in every parameter at once. */
export function badCalls(sdk) {
  return functionsOf(sdk).flatMap(([name, fn]) =>
    WRONG.filter(([label]) => !ACCEPTED[name]?.has(label)).map(([label, bad]) => [
      `${name}(${label}…)`,
      () => fn(...Array(fn.length).fill(bad)),
    ]),
  );
}

/** Good calls and a check of their result. */
export const GOOD_CALLS = [
  [
    'newJournalEntryId',
    (sdk) => sdk.newJournalEntryId('2025-03-14T09:30:00Z'),
    (id) => /^019593fd-35c0-7/.test(id),
  ],
  [
    'normalizeEmail',
    (sdk) => sdk.normalizeEmail(' Alice@Example.FR '),
    (email) => email.email === 'Alice@example.fr' && email.lookupKey === 'alice@example.fr',
  ],
];
