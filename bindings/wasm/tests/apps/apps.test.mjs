// The packed package as an app developer installs it, in a Next.js production app (client component, Server
// Component, Node Route Handler, edge Route Handler; Turbopack, Next.js 16's default) and a Vite app, neither
// with any configuration for the SDK; each is built, served on loopback and driven in Debian's Chromium.
// Every runtime must see what Node sees running the same scenario (scenario.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { statSync } from 'node:fs';

import * as sdk from '../../pkg/node.js';
import * as ops from '../../pkg/ops/node.js';
import { launchChromium, watchedPage } from '../support/chromium.mjs';
import { packSdk, prepare, serveApp, stopApps } from './harness.mjs';
import { opsScenario, scenario } from './scenario.js';

const expected = scenario(sdk);
const expectedOps = opsScenario(ops);
/** The byte sizes of the two modules: which one a page fetched. */
const MODULE_BYTES = {
  core: statSync(new URL('../../pkg/cesizen_wasm_bg.wasm', import.meta.url)).size,
  ops: statSync(new URL('../../pkg/ops/cesizen_wasm_bg.wasm', import.meta.url)).size,
};
let tarball;
let browser;

/** Which of the package's modules (`core`, `ops`) a WebAssembly body of `bytes` bytes is. */
const moduleOf = (bytes) => Object.keys(MODULE_BYTES).find((name) => MODULE_BYTES[name] === bytes) ?? `${bytes} B`;

/** What the page at `url` shows in `#result` once the SDK has run, with no error on the page, and the modules
 *  it downloaded. */
async function pageResult(url) {
  const errors = [];
  const page = await watchedPage(browser, errors);
  const downloads = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.endsWith('.wasm')) downloads.push(response.body());
  });
  try {
    await page.goto(url);
    const text = await page.textContent('#result:not(:empty)', { timeout: 30_000 });
    assert.deepEqual(errors, []);
    const modules = (await Promise.all(downloads)).map((body) => moduleOf(body.length)).sort();
    return { result: JSON.parse(text), modules };
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
  const withOps = { ...expected, ops: expectedOps };
  assert.deepEqual(await pageResult(`${url}/`), { result: expected, modules: ['core'] }, 'client component');
  // The root layout preloads the core module on every page; only the ops page downloads the ops module.
  assert.deepEqual(await pageResult(`${url}/ops`), { result: expectedOps, modules: ['core', 'ops'] }, 'ops page');
  assert.deepEqual((await pageResult(`${url}/server`)).result, expected, 'Server Component');
  assert.deepEqual(await routeResult(`${url}/api/node`), withOps, 'Node Route Handler');
  assert.deepEqual(await routeResult(`${url}/api/edge`), withOps, 'edge Route Handler');
});

test('Vite: a production build served by vite preview, no configuration', async () => {
  const url = await serveApp(prepare('vite', tarball));
  assert.deepEqual(await pageResult(`${url}/`), { result: expected, modules: ['core'] });
});
