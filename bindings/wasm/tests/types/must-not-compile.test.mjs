// Code that must not compile against the package's declarations: each file of must-not-compile/ marks the lines
// where TypeScript must refuse it with `// error TS<code>`, and the compiler must report exactly those errors
// (that code, on that line; nothing else). One `tsc` run over all of them, with the consumer's settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const DIR = join(HERE, 'must-not-compile');
const TSC = resolve(HERE, '../../node_modules/.bin/tsc');
const files = readdirSync(DIR)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(DIR, name));

/** `file:line TScode` of every `// error TS<code>` mark. */
function marks(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => [...line.matchAll(/\/\/ error (TS\d+)/g)].map((m) => `${file}:${i + 1} ${m[1]}`));
}

/** `file:line TScode` of every error `tsc` reports. */
function reported() {
  const work = mkdtempSync(join(tmpdir(), 'cesizen-must-not-compile-'));
  try {
    const config = join(work, 'tsconfig.json');
    writeFileSync(config, JSON.stringify({ extends: join(HERE, 'tsconfig.json'), files }));
    const run = spawnSync(TSC, ['--noEmit', '--pretty', 'false', '-p', config], { cwd: HERE, encoding: 'utf8' });
    assert.notEqual(run.status, 0, 'tsc accepted code that must not compile');
    return [...run.stdout.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+):/gm)].map(
      ([, file, line, code]) => `${resolve(HERE, file)}:${line} ${code}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

test('every must-not-compile file marks at least one error', () => {
  assert.ok(files.length > 0);
  for (const file of files) assert.ok(marks(file).length > 0, `${file} marks no error`);
});

test('tsc refuses exactly the marked lines, with the marked codes', () => {
  assert.deepEqual(reported().sort(), files.flatMap(marks).sort());
});
