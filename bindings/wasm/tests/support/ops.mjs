// How each operation of the shared vectors maps onto the package's public API: `(sdk, input, file) => output`,
// where `output` has the shape of the case's `expected` (or the call throws the case's error).
//
// The mapping only renames and reshapes: every value comes from the package.

export const hex = {
  decode: (text) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16)),
  encode: (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''),
};

const users = {
  normalizeEmail: (sdk, i) => sdk.normalizeEmail(i.email),
  checkPassword: (sdk, i) => ({ violations: sdk.checkPassword(i.password, i.email) }),
  parseDisplayName: (sdk, i) => ({ displayName: sdk.parseDisplayName(i.displayName) }),
  parseLocale: (sdk, i) => ({ locale: sdk.parseLocale(i.locale) }),
  parseTimeZone: (sdk, i) => ({ timeZone: sdk.parseTimeZone(i.timeZone) }),
  accountStatusTransition: (sdk, i) => ({ status: sdk.accountStatusTransition(i.from, i.to) }),
  failedLoginBand: (sdk, i) => ({ band: sdk.failedLoginBand(i.failuresPerMinute) }),
  failedLoginsInLastMinute: (sdk, i) => ({ count: sdk.failedLoginsInLastMinute(i.failures, i.now) }),
  lockoutDecision: (sdk, i) => sdk.lockoutDecision(i.attempts, i.now),
  tokenHash: (sdk, i) => ({ hash: sdk.tokenHash(i.token) }),
};

const ids = {
  idFromParts: (sdk, i) => ({ id: sdk.idFromParts(i.now, hex.decode(i.random)) }),
  parseId: (sdk, i) => sdk.parseId(i.text),
};

/** The operations bound so far, by vector `op`. */
export const OPS = { ...users, ...ids };
