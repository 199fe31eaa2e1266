// The package in a real browser: Debian's Chromium, headless, driven by playwright-core, on a page served on
// loopback. The test acts as a person would: it fills the form, clicks, and reads what the page shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launchChromium, watchedPage } from '../support/chromium.mjs';
import { serve } from './server.mjs';

let server;
let browser;
let page;
const pageErrors = [];

before(async () => {
  server = await serve();
  browser = await launchChromium();
  page = await watchedPage(browser, pageErrors);
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the page loads the package with init() and shows its version', async () => {
  assert.match(await page.textContent('#version'), /^\d+\.\d+\.\d+$/);
});

test('the sign-up form shows the SDK\'s stable codes for invalid fields and accepts valid ones', async () => {
  await page.fill('#email', 'alice@');
  await page.fill('#display-name', '   ');
  await page.fill('#password', 'short');
  await page.click('#check');
  assert.equal(await page.textContent('#email-error'), 'validation.email.invalid');
  assert.equal(await page.textContent('#display-name-error'), 'validation.display_name.empty');
  assert.equal(await page.textContent('#sign-up-result'), 'invalid');

  await page.fill('#email', 'alice@example.fr');
  await page.click('#check');
  assert.equal(await page.textContent('#email-error'), '');
  const problems = await page.locator('#password-problems li').allTextContents();
  assert.ok(problems.includes('validation.password.too_short'), problems.join(', '));
  assert.equal(await page.textContent('#sign-up-result'), 'invalid');

  await page.fill('#email', '  Alice.Martin@Example.FR ');
  await page.fill('#display-name', 'Alice');
  await page.fill('#password', 'Calme-et-Zen-2025-!');
  await page.click('#check');
  assert.equal(await page.textContent('#email-error'), '');
  assert.equal(await page.locator('#password-problems li').count(), 0);
  assert.equal(await page.textContent('#sign-up-result'), 'ok: Alice.Martin@example.fr');
});

test('a journal note is encrypted on the device and decrypted back', async () => {
  await page.fill('#recorded-at', '2025-03-14T09:30:00Z');
  await page.fill('#note', 'anxious before the exam, calmer after breathing');
  await page.click('#encrypt');
  assert.match(await page.textContent('#entry-id'), /^019593fd-35c0-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const envelope = await page.textContent('#envelope');
  assert.match(envelope, /^[A-Za-z0-9_-]+$/, 'unpadded base64url');
  assert.equal(Buffer.from(envelope, 'base64url')[0], 1, 'envelope version 1');
  assert.equal(envelope.includes('anxious'), false);
  await page.click('#decrypt');
  assert.equal(await page.textContent('#decrypted'), 'anxious before the exam, calmer after breathing');
  assert.equal(await page.textContent('#decrypted-error'), '');
});

test('a bad time gives the stable error code, not a crash', async () => {
  await page.fill('#recorded-at', 'yesterday');
  await page.click('#encrypt');
  assert.equal(await page.textContent('#entry-id'), '');
  assert.equal(await page.textContent('#entry-id-error'), 'input.argument.invalid');
});

test('the week\'s emotion report is computed in the page and rendered', async () => {
  await page.click('#report');
  assert.equal(await page.textContent('#entry-count'), '5');
  const days = await page.locator('#days tbody tr').allTextContents();
  assert.equal(days.length, 7, 'seven local days, Monday to Sunday');
  assert.equal(days[0], '2025-03-2420.00');
  assert.equal(days[2], '2025-03-260—');
  const emotions = await page.locator('#emotions tbody tr').allTextContents();
  assert.ok(emotions.includes('fear2worry') || emotions.includes('fear2stress'), emotions.join(' | '));
  assert.ok(emotions.includes('joy2relief') || emotions.includes('joy2gratitude'), emotions.join(' | '));
});

test('thousands of bad calls in the browser give typed errors, then a good call works', async () => {
  const outcome = await page.evaluate(async () => {
    const sdk = await import('/pkg/index.js');
    const bad = [null, undefined, 42, {}, [], 'x'.repeat(100_000), Symbol('s'), 10n];
    let typed = 0;
    let other = 0;
    for (let round = 0; round < 500; round += 1) {
      for (const value of bad) {
        for (const call of [sdk.normalizeEmail, sdk.validateJournalEntry, sdk.newJournalEntryId]) {
          try {
            call(value);
            other += 1;
          } catch (error) {
            if (error instanceof sdk.CesizenError && typeof error.code === 'string') typed += 1;
            else other += 1;
          }
        }
      }
    }
    return { typed, other, good: sdk.normalizeEmail('bob@example.org').email };
  });
  assert.deepEqual(outcome, { typed: 500 * 8 * 3, other: 0, good: 'bob@example.org' });
});

test('the page raised no uncaught error', () => {
  assert.deepEqual(pageErrors.map(String), []);
});
