// The package as a consumer installs it: resolution through `exports`, one explicit `init()`, the version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as sdk from '../../pkg/node.js';

const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));
const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));

/** Runs an ES module `script` in a fresh directory where `@cesizen/sdk` resolves to the built package, as it
 *  would once installed from npm; returns what it printed. */
function runInConsumer(script) {
  const dir = mkdtempSync(join(tmpdir(), 'cesizen-consumer-'));
  try {
    mkdirSync(join(dir, 'node_modules', '@cesizen'), { recursive: true });
    symlinkSync(PKG, join(dir, 'node_modules', '@cesizen', 'sdk'), 'dir');
    return execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The README's code block marked `<!-- tested: name -->` on the line before its fence. */
function readmeBlock(name) {
  const readme = readFileSync(fileURLToPath(new URL('../../../../README.md', import.meta.url)), 'utf8');
  const lines = readme.split('\n');
  const at = lines.findIndex((line) => line.trim() === `<!-- tested: ${name} -->`);
  assert.ok(at >= 0 && lines[at + 1].startsWith('```'), `README.md has no block marked "tested: ${name}"`);
  const end = lines.findIndex((line, i) => i > at + 1 && line.startsWith('```'));
  return lines.slice(at + 2, end).join('\n');
}

test('a consumer importing @cesizen/sdk in Node gets the node entry, and it works after init()', () => {
  const script = [
    "import { init, sdkVersion, CesizenError } from '@cesizen/sdk';",
    'await init();',
    'await init();',
    "console.log(JSON.stringify({ version: sdkVersion(), error: typeof CesizenError }));",
  ].join('\n');
  assert.deepEqual(JSON.parse(runInConsumer(script)), { version: manifest.version, error: 'function' });
});

test("the README's TypeScript block runs as written (it is plain JavaScript too) and prints what it says", () => {
  const out = runInConsumer(readmeBlock('typescript')).trim().split('\n');
  assert.deepEqual(out, ['Alice@example.org', 'validation.email.invalid', 'slept well']);
});

test('on Node the module is ready when the package is imported: no init() needed, none harmful', () => {
  const script = [
    `const sdk = await import(${JSON.stringify(join(PKG, 'node.js'))});`,
    'console.log(sdk.sdkVersion());',
  ].join('\n');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(out.trim(), manifest.version);
});

/** Runs a script in a fresh Node process that imports the browser entry of `dir` (a module of the package),
 *  calls `calls` before and after its `init()`, and prints what happened. */
function beforeAndAfterInit(dir, calls) {
  const script = [
    `const sdk = await import(${JSON.stringify(join(PKG, dir, 'index.js'))});`,
    `const root = await import(${JSON.stringify(join(PKG, 'index.js'))});`,
    `const { readFileSync } = await import('node:fs');`,
    'const codeOf = (call) => { try { call(); return "no error"; } catch (e) { return e instanceof root.CesizenError ? e.code : String(e); } };',
    `const before = [${calls.map((call) => `codeOf(() => ${call})`).join(', ')}];`,
    `await sdk.init(readFileSync(${JSON.stringify(join(PKG, dir, 'cesizen_wasm_bg.wasm'))}));`,
    'const key = sdk.UserKey.importRaw("0195c5f2-3ec0-7707-8707-070707070707", 1, new Uint8Array(32));',
    'const rootStill = sdk === root ? "same module" : codeOf(() => root.sdkVersion());',
    'console.log(JSON.stringify({ before, after: sdk.sdkVersion(), isKey: key instanceof sdk.UserKey, rootStill }));',
  ].join('\n');
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

const notLoaded = 'workflow.module.not_initialised';

test('the browser entry, called before init(), throws a CesizenError, and works once init() has resolved', () => {
  const calls = ['sdk.sdkVersion()', 'sdk.UserKey.importRaw("u", 1, new Uint8Array(32))', 'sdk.emotionTaxonomy()'];
  assert.deepEqual(beforeAndAfterInit('', calls), {
    before: [notLoaded, notLoaded, notLoaded],
    after: manifest.version,
    isKey: true,
    rootStill: 'same module',
  });
});

test('the ops module has its own init(): guarded before it, and loading it does not load the root module', () => {
  const calls = ['sdk.sdkVersion()', 'new sdk.Keyring()', 'sdk.allowedDowntimeRolling(999000, 30)'];
  assert.deepEqual(beforeAndAfterInit('ops', calls), {
    before: [notLoaded, notLoaded, notLoaded],
    after: manifest.version,
    isKey: true,
    rootStill: notLoaded,
  });
});

test('init() is idempotent and resolves to nothing', async () => {
  assert.equal(await sdk.init(), undefined);
  assert.equal(await sdk.init(), undefined);
});

test('the package is ESM, names its Node, edge and browser entries and ships its types', () => {
  assert.equal(manifest.name, '@cesizen/sdk');
  assert.equal(manifest.type, 'module');
  assert.deepEqual(manifest.exports['.'], {
    types: './index.d.ts',
    'edge-light': './edge.js',
    workerd: './edge.js',
    node: './node.js',
    default: './index.js',
  });
  assert.deepEqual(manifest.exports['./ops'], {
    types: './ops/index.d.ts',
    'edge-light': './ops/edge.js',
    workerd: './ops/edge.js',
    node: './ops/node.js',
    default: './ops/index.js',
  });
  // Only the Node entries run code when imported (they instantiate their module): bundlers must keep them.
  assert.deepEqual(manifest.sideEffects, ['./node.js', './ops/node.js']);
  for (const file of manifest.files) {
    assert.ok(existsSync(join(PKG, file)), `${file} is listed in "files" but missing`);
  }
});

test('the loader of the generated glue is not part of the public surface', async () => {
  await sdk.init();
  assert.equal('initSync' in sdk, false);
  assert.equal('default' in sdk, false);
});
