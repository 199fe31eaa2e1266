// Debian's Chromium, headless, through playwright-core (`npx playwright install` cannot download browsers here).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Debian's Chromium; `CHROMIUM` overrides the path. */
export const EXECUTABLE = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Launches the browser; `close()` it when done. */
export async function launchChromium() {
  assert.ok(existsSync(EXECUTABLE), `no browser at ${EXECUTABLE}: install Debian's chromium (see .ci/run)`);
  return chromium.launch({
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
}

/** A new page whose uncaught errors and `console.error` lines are collected into `errors`. */
export async function watchedPage(browser, errors) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(new Error(`${message.text()} (${message.location().url})`));
  });
  return page;
}
