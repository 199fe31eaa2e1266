// Builds and serves the test apps (`next/`, `vite/`) with the packed package, as an app developer would install
// it: used by the `wasm-apps` suite (apps.test.mjs) and the load benchmark (bench/next-load.mjs).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));
/** Where the apps are copied, installed and built: under the Cargo target directory, out of the tree. */
const WORK = join(process.env.CARGO_TARGET_DIR ?? fileURLToPath(new URL('../../../../target', import.meta.url)), 'wasm-apps');
const servers = [];

/** Runs `command` in `cwd`, its output shown only when it fails. */
function run(cwd, command, args) {
  try {
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe', env });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout}\n${error.stderr}`);
  }
}

/** A free loopback port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Packs the built package (bindings/wasm/pkg) into the work directory; returns the tarball's path. */
export function packSdk() {
  mkdirSync(WORK, { recursive: true });
  for (const old of readdirSync(WORK).filter((f) => f.endsWith('.tgz'))) rmSync(join(WORK, old));
  const packed = JSON.parse(run(PKG, 'npm', ['pack', '--json', '--pack-destination', WORK]));
  return join(WORK, packed[0].filename);
}

/** Copies app `name` with the scenario to the work directory, installs its locked dependencies and the packed
 *  SDK `tarball`, and builds it; returns its directory. */
export function prepare(name, tarball) {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(HERE, name), dir, { recursive: true });
  mkdirSync(join(dir, 'lib'));
  cpSync(join(HERE, 'scenario.js'), join(dir, 'lib', 'scenario.js'));
  run(dir, 'npm', ['ci', '--no-audit', '--no-fund']);
  run(dir, 'npm', ['install', '--no-save', '--no-audit', '--no-fund', tarball]);
  run(dir, 'npm', ['run', 'build']);
  return dir;
}

/** Serves the built app in `dir` on a free loopback port (`next start` or `vite preview`) and resolves with its
 *  URL once it answers. */
export async function serveApp(dir) {
  const port = await freePort();
  const [script, args] = dir.endsWith('next')
    ? ['start', ['-p', String(port), '-H', '127.0.0.1']]
    : ['preview', ['--port', String(port), '--strictPort', '--host', '127.0.0.1']];
  const child = spawn('npm', ['run', script, '--', ...args], { cwd: dir, stdio: 'pipe', detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  servers.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(url);
      return url;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${script} did not answer on ${url} within 30 s:\n${output}`);
}

/** Stops every server `serveApp` started. */
export function stopApps() {
  for (const child of servers.splice(0)) {
    try {
      process.kill(-child.pid);
    } catch {
      // already gone
    }
  }
}
