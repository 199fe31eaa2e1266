// How each operation of the shared vectors maps onto the package's public API: `(sdk, input, case, file) => output`,
// where `output` has the shape of the case's `expected` (or the call throws the case's error).
//
// The mapping only renames and reshapes: every value comes from the package.

import assert from 'node:assert/strict';

import {
  b64url,
  concat,
  hex,
  hkdf,
  encodeContext,
  lengthPrefixed,
  openEnvelope,
  openStreamWithWebCrypto,
  sealEnvelope,
  sealStreamWithWebCrypto,
  sha256,
  u32be,
} from './webcrypto.mjs';

/** Runs `fn` with objects that hold secrets, and frees them whatever happens. */
function using(objects, fn) {
  return Promise.resolve()
    .then(() => fn(...objects))
    .finally(() => objects.forEach((o) => o.free()));
}

const importKey = (sdk, key) => sdk.UserKey.importRaw(key.user, key.id, hex.decode(key.material));

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

// Sealing draws a random nonce, so a sealed value cannot equal the vector's bytes. A seal case is checked in
// full instead: the package opens the vector's envelope; WebCrypto, given the key and the vector's associated
// data, opens the package's own envelope, whose header equals the vector's; and WebCrypto with the vector's
// nonce rebuilds the vector's envelope byte for byte. The result is then the vector's expected value.
const envelopes = {
  'envelope.seal': (sdk, i, c) =>
    using([importKey(sdk, i.key)], async (key) => {
      const { context, aad, envelope } = c.expected;
      const plaintext = hex.decode(i.plaintext);
      const material = hex.decode(i.key.material);
      assert.deepEqual(key.open(i.context, envelope), plaintext, 'the package opens the vector');
      const sealed = b64url.decode(key.seal(i.context, plaintext));
      const expectedBytes = b64url.decode(envelope);
      assert.deepEqual(sealed.subarray(0, 5), expectedBytes.subarray(0, 5), 'version and key id');
      assert.equal(sealed.length, expectedBytes.length);
      assert.deepEqual(hex.decode(aad), concat(sealed.subarray(0, 5), hex.decode(context)));
      assert.deepEqual(await openEnvelope(material, sealed, hex.decode(context)), plaintext, 'WebCrypto opens it');
      const rebuilt = await sealEnvelope(material, i.key.id, hex.decode(i.nonce), hex.decode(context), plaintext);
      assert.equal(b64url.encode(rebuilt), envelope, 'WebCrypto rebuilds the vector');
      return { context, aad, envelope };
    }),
  'envelope.open': (sdk, i) =>
    using([importKey(sdk, i.key)], (key) => ({ plaintext: hex.encode(key.open(i.context, i.envelope)) })),
};

const importKek = (sdk, kek) => sdk.Keyring.importRaw(kek.id, hex.decode(kek.material));
const utf8 = (text) => new TextEncoder().encode(text);

// Wrapped data keys and keyring files, like envelopes: the package opens the vector; WebCrypto opens what the
// package seals (and, for a keyring file, both plaintexts are equal byte for byte); WebCrypto with the vector's
// nonce rebuilds the vector.
const keys = {
  'dataKey.wrap': (sdk, i, c) =>
    using([importKek(sdk, i.kek), importKey(sdk, { user: i.user, ...i.dataKey })], async (keyring, key) => {
      const { context, wrapKey, wrapped } = c.expected;
      const derived = await hkdf(hex.decode(i.kek.material), new Uint8Array(0), utf8('cesizen.kek-wrap.v1'));
      assert.equal(hex.encode(derived), wrapKey);
      const plaintext = concat(u32be(i.dataKey.id), hex.decode(i.dataKey.material));
      const ours = b64url.decode(keyring.wrapDataKey(key));
      assert.deepEqual(await openEnvelope(derived, ours, hex.decode(context)), plaintext, 'WebCrypto unwraps it');
      await using([keyring.unwrapDataKey(i.user, wrapped)], (unwrapped) => assert.equal(unwrapped.keyId, i.dataKey.id));
      const rebuilt = await sealEnvelope(derived, i.kek.id, hex.decode(i.nonce), hex.decode(context), plaintext);
      assert.equal(b64url.encode(rebuilt), wrapped, 'WebCrypto rebuilds the vector');
      return { context, wrapKey, wrapped };
    }),
  'dataKey.unwrap': (sdk, i, c) =>
    using([importKek(sdk, i.kek)], (keyring) =>
      using([keyring.unwrapDataKey(i.user, i.wrapped)], async (key) => {
        // The material never leaves the package: WebCrypto opens what the unwrapped key seals instead.
        const context = { kind: 'user', user: i.user };
        const sealed = b64url.decode(key.seal(context, utf8('probe')));
        const opened = await openEnvelope(hex.decode(c.expected.material), sealed, encodeContext(context));
        assert.deepEqual(opened, utf8('probe'));
        return { id: key.keyId, material: c.expected.material };
      }),
    ),
  'rootSecret.parse': (sdk, i) =>
    using([sdk.RootSecret.parse(i.text)], (root) => ({ material: hex.encode(b64url.decode(root.toText())) })),
  'keyring.seal': (sdk, i, c) =>
    using([sdk.RootSecret.parse(i.rootSecret)], (root) => {
      const primary = i.keys.find((k) => k.id === i.primary);
      return using([sdk.Keyring.importRaw(primary.id, hex.decode(primary.material))], async (keyring) => {
        for (const k of i.keys.filter((k) => k.id !== i.primary)) {
          keyring.addRawKey(k.id, k.material ? hex.decode(k.material) : crypto.getRandomValues(new Uint8Array(32)));
          if (k.status !== 'enabled') keyring.disable(k.id);
          if (k.status === 'destroyed') keyring.destroy(k.id);
        }
        keyring.setMessageLimit(i.messageLimit);
        const { fileKey, sealed } = c.expected;
        const rootMaterial = b64url.decode(root.toText());
        const derived = await hkdf(rootMaterial, new Uint8Array(0), utf8('cesizen.keyring-file.v1'));
        assert.equal(hex.encode(derived), fileKey);
        const context = lengthPrefixed('keyring');
        const theirs = await openEnvelope(derived, b64url.decode(sealed), context);
        const ours = await openEnvelope(derived, keyring.seal(root), context);
        assert.deepEqual(ours, theirs, 'the same keyring file plaintext, byte for byte');
        const rebuilt = await sealEnvelope(derived, 0, hex.decode(i.nonce), context, theirs);
        assert.equal(b64url.encode(rebuilt), sealed, 'WebCrypto rebuilds the vector');
        return { fileKey, sealed };
      });
    }),
  'keyring.open': (sdk, i) =>
    using([sdk.RootSecret.parse(i.rootSecret)], (root) =>
      using([sdk.Keyring.open(b64url.decode(i.sealed), root)], async (keyring) => {
        const keys = keyring.keys();
        // The package keeps the message limit to itself; the file's plaintext (read with WebCrypto) says it.
        const derived = await hkdf(b64url.decode(root.toText()), new Uint8Array(0), utf8('cesizen.keyring-file.v1'));
        const plaintext = await openEnvelope(derived, b64url.decode(i.sealed), lengthPrefixed('keyring'));
        const messageLimit = Number(new DataView(plaintext.buffer).getBigUint64(5));
        return { primary: keys.find((k) => k.primary).id, messageLimit, keys };
      }),
    ),
};

/** `plaintextLength` bytes, byte i = i % 251, as stream_v1.json defines them. */
const streamPlaintext = (length) => Uint8Array.from({ length }, (_, i) => i % 251);

/** A seal case's stream, written with WebCrypto from the case's inputs and checked against its digest. */
async function streamOfSealCase(seal) {
  const { kek, salt, noncePrefix, plaintextLength } = seal.input;
  const stream = await sealStreamWithWebCrypto(
    kek.id,
    hex.decode(kek.material),
    hex.decode(salt),
    hex.decode(noncePrefix),
    streamPlaintext(plaintextLength),
  );
  assert.equal(hex.encode(await sha256(stream)), seal.expected.sha256, 'WebCrypto writes the vector stream');
  return stream;
}

const MUTATIONS = {
  truncate: (s, m) => s.subarray(0, m.length),
  append: (s, m) => concat(s, hex.decode(m.hex)),
  flipBit: (s, m) => {
    const out = s.slice();
    out[m.offset] ^= 1 << m.bit;
    return out;
  },
  dropSegment: (s, m) => segmentsOf(s, (segs) => segs.filter((_, i) => i !== m.index)),
  swapSegments: (s, m) =>
    segmentsOf(s, (segs) => segs.map((seg, i) => (i === m.a ? segs[m.b] : i === m.b ? segs[m.a] : seg))),
  duplicateSegment: (s, m) => segmentsOf(s, (segs) => segs.flatMap((seg, i) => (i === m.index ? [seg, seg] : [seg]))),
};

function segmentsOf(stream, change) {
  const size = 64 * 1024 + 16;
  const segments = [];
  for (let at = 44; at < stream.length; at += size) segments.push(stream.subarray(at, at + size));
  return concat(stream.subarray(0, 44), ...change(segments));
}

const streams = {
  'stream.seal': (sdk, i, c) =>
    using([importKek(sdk, i.kek)], async (keyring) => {
      const plaintext = streamPlaintext(i.plaintextLength);
      const ours = keyring.sealStream(plaintext);
      assert.equal(ours.length, c.expected.length);
      assert.deepEqual(ours.subarray(0, 5), hex.decode(c.expected.header).subarray(0, 5), 'version and key id');
      assert.deepEqual(await openStreamWithWebCrypto(hex.decode(i.kek.material), ours), plaintext, 'WebCrypto reads it');
      const theirs = await streamOfSealCase(c);
      assert.deepEqual(keyring.openStream(theirs), plaintext, 'the package reads the vector stream');
      const header = theirs.subarray(0, 44);
      const key = await hkdf(hex.decode(i.kek.material), hex.decode(i.salt), concat(utf8('cesizen.stream.v1'), header));
      return {
        header: hex.encode(header),
        streamKey: hex.encode(key),
        length: ours.length,
        sha256: hex.encode(await sha256(theirs)),
        ...(c.expected.stream === undefined ? {} : { stream: hex.encode(theirs) }),
      };
    }),
  'stream.open': (sdk, i, c, file) =>
    using([importKek(sdk, i.kek)], async (keyring) => {
      let stream = i.stream !== undefined ? hex.decode(i.stream) : await streamOfSealCase(file.cases.find((s) => s.name === i.base));
      for (const m of i.mutations ?? []) stream = MUTATIONS[m.op](stream, m);
      const plaintext = keyring.openStream(stream);
      return c.expected?.plaintext !== undefined ? { plaintext: hex.encode(plaintext) } : { plaintextLength: plaintext.length };
    }),
};

const pseudonyms = {
  pseudonym: (sdk, i) =>
    using([new sdk.Pseudonymiser(hex.decode(i.secret))], (p) => {
      const pseudonym = p.pseudonym(i.domain, hex.decode(i.value));
      return { pseudonym, hex: hex.encode(b64url.decode(pseudonym)) };
    }),
};

const emotions = {
  emotionTaxonomy: (sdk) => ({ baseEmotions: sdk.emotionTaxonomy() }),
  parseEmotion: (sdk, i) => sdk.parseEmotion(i),
  validateJournalEntry: (sdk, i) => sdk.validateJournalEntry(i),
  stateOfMindFromEntry: (sdk, i) => sdk.stateOfMindFromEntry(i),
  valenceClassification: (sdk, i) => sdk.valenceClassification(i.valence),
  emotionFromHealthKitLabel: (sdk, i) => sdk.emotionFromHealthKitLabel(i.label),
  healthKitAssociationOf: (sdk, i) => sdk.healthKitAssociationOf(i.contextTag),
  emotionReport: (sdk, i) => sdk.emotionReport(i.entries, i.request, i.now),
};

const incidents = {
  classifyIncident: (sdk, i) => sdk.classifyIncident(i.impacts),
  classifySecurityIncident: (sdk, i) => sdk.classifySecurityIncident(i.events),
  supportGoal: (sdk, i) => sdk.supportGoal(i.level, i.priority),
  parseIncidentId: (sdk, i) => sdk.parseIncidentId(i.id),
  applyTicketAction: (sdk, i) => ({ status: sdk.applyTicketAction(i.status, i.action) }),
  replayTicket: (sdk, i) => sdk.replayTicket(i.ticket),
  breachNotificationDeadline: (sdk, i) => sdk.breachNotificationDeadline(i.awareAt, i.now),
};

const stress = {
  holmesRaheEvents: (sdk) => ({ events: sdk.holmesRaheEvents() }),
  holmesRaheScore: (sdk, i) => sdk.holmesRaheScore(i.answers),
  stressBand: (sdk, i) => ({ band: sdk.stressBand(i.score) }),
};

const practice = {
  breathingPreset: (sdk, i) => sdk.breathingPreset(i.preset),
  breathingPattern: (sdk, i) => ({ cycleMs: sdk.breathingCycleMs(i) }),
  breathingExercise: (sdk, i) => ({ totalMs: sdk.breathingExerciseMs(i.pattern, i.cycles) }),
  breathingPosition: (sdk, i) => ({ position: sdk.breathingPosition(i.preset, i.cycles, i.elapsedMs) ?? null }),
  practiceSession: (sdk, i) => ({ actualDurationSeconds: sdk.practiceSessionSeconds(i.session) }),
  healthKitSample: (sdk, i) => sdk.healthKitSample(i.session),
  healthConnectRecord: (sdk, i) => sdk.healthConnectRecord(i.session, i.timeZone, i.title),
};

const kpi = {
  dailyKpis: (sdk, i) => sdk.dailyKpis(i.events, i.day, i.timeZone),
  retentionCohort: (sdk, i) => sdk.retentionCohort(i.events, i.firstDay, i.lastDay, i.timeZone, i.now),
  netPromoterScore: (sdk, i) => sdk.netPromoterScore(i.answers),
};

const sla = {
  allowedDowntime: (sdk, i) => {
    const { periodMs, allowedMs } =
      i.days !== undefined
        ? sdk.allowedDowntimeRolling(i.targetPpm, i.days)
        : sdk.allowedDowntimeInMonth(i.targetPpm, i.year, i.month, i.timeZone);
    return { periodMs, allowedMs, allowedMinutes: Math.floor(allowedMs / 60_000) };
  },
  availability: (sdk, i) => sdk.availability(i.period, i.outages, i.maintenance, i.targetPpm),
  sampleAvailability: (sdk, i) => sdk.sampleAvailability(i.samples, i.policy),
  errorBudget: (sdk, i) => sdk.errorBudget(i.targetPpm, i.eligible, i.consumed, i.recent, i.elapsed),
  burnRateRules: (sdk, i) => ({ rules: sdk.burnRateRules(i.targetPpm, i.periodMs) }),
  burnRateAlerts: (sdk, i) => ({ evaluations: sdk.burnRateAlerts(i.targetPpm, i.periodMs, i.observations) }),
  slaTimerStatus: (sdk, i) => sdk.slaTimerStatus(i.goalMs, i.calendar, i.events, i.now),
  monthlyReport: (sdk, i) => sdk.monthlyReport(i.year, i.month, i.timeZone, i.observations),
  dailyReport: (sdk, i) => ({ services: sdk.dailyReport(i.year, i.month, i.timeZone, i.observations) }),
  reliability: (sdk, i) => sdk.reliability(i.period, i.outages),
  mergeIntervals: (sdk, i) => ({ merged: sdk.mergeIntervals(i.intervals) }),
  splitOutages: (sdk, i) => ({ pieces: sdk.splitOutages(i.outages, i.cuts) }),
  loadRules: (sdk, i) => ({ valid: true, services: sdk.loadSlaRules(i.rules) }),
  importOpenSlo: (sdk, i) => ({ slos: sdk.importOpenSlo(i.document) }),
  exportOpenSlo: (sdk, i) => ({ documents: sdk.exportOpenSlo(i.services, i.timeZone) }),
};

const alerting = {
  classifyMetric: (sdk, i) => ({ severity: sdk.classifyMetric(i.metric, i.value) }),
  gradeQuality: (sdk, i) => ({ grade: sdk.gradeQuality(i.metric, i.value) }),
  gradeSecurityRating: (sdk, i) => ({ grade: sdk.gradeSecurityRating(i.rating) }),
  evaluateSecuritySignals: (sdk, i) => ({ alerts: sdk.evaluateSecuritySignals(i.signals, i.now) }),
  planNotifications: (sdk, i) => sdk.planNotifications(i.priority, i.raisedAt),
  nextMaintenanceOccurrences: (sdk, i) => ({ occurrences: sdk.nextMaintenanceOccurrences(i.after, i.count) }),
  escalationNotices: (sdk, i) => sdk.escalationNotices(i.policy ?? i.priority, i.events, i.now),
  evaluateDeployment: (sdk, i) => sdk.evaluateDeployment(i.releasedAt, i.criticalErrors, i.now),
  assessDashboard: (sdk, i) => ({ indicators: sdk.assessDashboard(i) }),
  riskMatrix: (sdk) => ({ risks: sdk.riskMatrix() }),
  alertDesk: (sdk, i) =>
    using([new sdk.AlertDesk()], (desk) => ({
      dispositions: i.events.map((e) => (e.raise ? desk.raise(e.raise) : desk.resolve(e.resolve.key, e.resolve.at))),
    })),
  groupAlerts: (sdk, i) =>
    using([new sdk.AlertGrouper(i.windowMs)], (grouper) => {
      const groups = [];
      for (const alert of i.alerts) {
        groups.push(...grouper.flushDue(alert.at));
        grouper.add(alert.group, alert.key, alert.at);
      }
      groups.push(...grouper.flushDue(i.flushAt));
      return { groups };
    }),
  validateAlertingRules: (sdk, i) => {
    sdk.validateAlertingRules(i.rules);
    return { valid: true };
  },
  ticketTimer: (sdk, i) => {
    // The goal is the caller's choice, as on the server: the plan's resolution goal, or level 1's response goal.
    const goalMs =
      i.conditions === 'resolution'
        ? sdk.resolutionGoalMs(i.ticket.priority, i.ticket.securityLevel ?? null)
        : sdk.supportGoal('l1', i.ticket.priority).goal.withinMs;
    return sdk.ticketTimer(i.ticket, i.conditions, goalMs, i.now);
  },
};

// The GDPR runner's fixed values (a breach id, a user, a time, the plan's 75 % "at risk" share) are the
// caller's, as in tests/tests/gdpr_vectors.rs.
const gdpr = {
  monthsAfter: (sdk, i) => sdk.monthsAfter(i.event, i.months, i.timeZone),
  assessRequest: (sdk, i) => sdk.assessRequest(i.request, i.now),
  retentionDecide: (sdk, i) => sdk.retentionDecide(i.record, i.now),
  parseConfig: (sdk, i) => {
    const config = i.toml !== undefined ? sdk.parseGdprConfig(i.toml, 'toml') : sdk.parseGdprConfig(i.json, 'json');
    return { journalEntries: config.retention.journalEntries, timeZone: config.requests.timeZone, k: config.anonymisation.k };
  },
  auditChain: (sdk, i) =>
    using([new sdk.AuditTrail()], (trail) => ({
      hashes: i.events.map((e) => trail.append(e.at, e.actor, e.action, e.subject, e.details)),
    })),
  assessBreach: (sdk, i) =>
    // The plan's 75 % unless the case sets another share.
    sdk.assessBreach('0195a000-0000-7000-8000-0000000000b1', i.facts, i.initialFiledAt ?? null, i.atRiskPercent ?? 75, i.now),
  giveConsent: (sdk, i) =>
    using([new sdk.ConsentLedger('01943aa0-bc00-7303-8303-030303030303')], (ledger) => {
      ledger.give(i.purpose, i.textVersion, i.method, '2025-01-01T00:00:00Z');
      return { valid: ledger.isValid(i.purpose, i.textVersion) };
    }),
  generalise: (sdk, i) => sdk.generalise(i.intensity, i.valence, i.timeZone),
  validateExport: (sdk, i) => sdk.parseGdprExport(JSON.stringify(i.document)).summary,
};

/** The operations bound so far, by vector `op`. */
// A deployment's own plan, read from its JSON text; the plan-dependent functions are its methods.
const plan = {
  planEscalationNotices: (sdk, i) => sdk.Plan.fromJson(JSON.stringify(i.plan)).escalationNotices(i.priority, i.events, i.now),
  planResolutionGoal: (sdk, i) => ({
    goalMs: sdk.Plan.fromJson(JSON.stringify(i.plan)).resolutionGoalMs(i.priority, i.securityLevel),
  }),
};

export const OPS = { ...users, ...ids, ...envelopes, ...keys, ...streams, ...pseudonyms, ...emotions, ...incidents, ...stress, ...practice, ...kpi, ...sla, ...alerting, ...gdpr, ...plan };
