// The packed package as an app developer installs it, in a Next.js production app (client component, Server
// Component, Node Route Handler, edge Route Handler; Turbopack, Next.js 16's default) and a Vite app, neither
// with any configuration for the SDK; each is built, served on loopback and driven in Debian's Chromium.
// Every runtime must see what Node sees running the same scenario (scenario.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import * as sdk from '../../pkg/node.js';
import { launchChromium, watchedPage } from '../support/chromium.mjs';
import { packSdk, prepare, serveApp, stopApps } from './harness.mjs';
import { scenario } from './scenario.js';

const expected = scenario(sdk);
let tarball;
let browser;

/** What the page at `url` shows in `#result` once the SDK has run, with no error on the page. */
async function pageResult(url) {
  const errors = [];
  const page = await watchedPage(browser, errors);
  try {
    await page.goto(url);
    const text = await page.textContent('#result:not(:empty)', { timeout: 30_000 });
    assert.deepEqual(errors, []);
    return JSON.parse(text);
  } finally {
    await page.close();
  }
}

/** The JSON a route answers. */
async function routeResult(url) {
  const response = await fetch(url);
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

before(async () => {
  tarball = packSdk();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  stopApps();
});

test('Next.js: client component, Server Component, Node and edge Route Handlers, no configuration', async () => {
  const url = await serveApp(prepare('next', tarball));
  assert.deepEqual(await pageResult(`${url}/`), expected, 'client component');
  assert.deepEqual(await pageResult(`${url}/server`), expected, 'Server Component');
  assert.deepEqual(await routeResult(`${url}/api/node`), expected, 'Node Route Handler');
  assert.deepEqual(await routeResult(`${url}/api/edge`), expected, 'edge Route Handler');
});

test('Vite: a production build served by vite preview, no configuration', async () => {
  const url = await serveApp(prepare('vite', tarball));
  assert.deepEqual(await pageResult(`${url}/`), expected);
});
