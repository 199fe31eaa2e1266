// The package in a real browser: Debian's Chromium, headless, driven by playwright-core, on a page served on
// loopback. The test acts as a person would: it fills the form, clicks, and reads what the page shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

import { serve } from './server.mjs';

/** Debian's Chromium; `CHROMIUM` overrides the path. */
const EXECUTABLE = process.env.CHROMIUM ?? '/usr/bin/chromium';

let server;
let browser;
let page;
const pageErrors = [];

before(async () => {
  assert.ok(existsSync(EXECUTABLE), `no browser at ${EXECUTABLE}: install Debian's chromium (see .ci/run)`);
  server = await serve();
  browser = await chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(new Error(message.text()));
  });
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

test('an entry named from the form gets a UUIDv7; a bad time shows the stable error code', async () => {
  await page.fill('#recorded-at', '2025-03-14T09:30:00Z');
  await page.click('#new-entry-id');
  assert.match(await page.textContent('#entry-id'), /^019593fd-35c0-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  await page.fill('#recorded-at', 'yesterday');
  await page.click('#new-entry-id');
  assert.equal(await page.textContent('#entry-id'), '');
  assert.equal(await page.textContent('#entry-id-error'), 'binding.input.invalid');
});

test('the page raised no uncaught error', () => {
  assert.deepEqual(pageErrors.map(String), []);
});
