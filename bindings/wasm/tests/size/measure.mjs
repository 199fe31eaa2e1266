// Measures the gzipped size of each WebAssembly module of the package and compares it with size.json.
//
//   node tests/size/measure.mjs            prints the measurements
//   node tests/size/measure.mjs --update   records them in size.json (commit the file with the change that grew it)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

export const RECORD = new URL('../../size.json', import.meta.url);

/**
 * The package's modules: the root (`core`, what every page that uses the SDK downloads), with its budget, and
 * `ops` (`@cesizen/sdk/ops`, downloaded only by the pages that import it), reported and guarded against jumps.
 */
export const MODULES = {
  core: { file: 'pkg/cesizen_wasm_bg.wasm', budgetGzipBytes: 150 * 1000 },
  ops: { file: 'pkg/ops/cesizen_wasm_bg.wasm', budgetGzipBytes: null },
};

/** A growth beyond this fraction of the recorded size fails until size.json is updated. */
export const ALLOWED_GROWTH = 0.1;

/** `{ rawBytes, gzipBytes }` of the built module `name`, gzip at level 9 as web servers pre-compress. */
export function measure(name) {
  const bytes = readFileSync(new URL(`../../${MODULES[name].file}`, import.meta.url));
  const gzipped = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
  return { rawBytes: bytes.length, gzipBytes: gzipped.length };
}

/** The committed record. */
export function recorded() {
  return JSON.parse(readFileSync(RECORD, 'utf8'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const previous = existsSync(RECORD) ? recorded() : { modules: {} };
  const record = { gzipLevel: 9, modules: {} };
  for (const [name, { file, budgetGzipBytes }] of Object.entries(MODULES)) {
    const now = measure(name);
    const budget = budgetGzipBytes === null ? 'no budget' : `budget ${budgetGzipBytes}`;
    console.log(`${name} (${file}): ${now.rawBytes} bytes, ${now.gzipBytes} bytes gzipped (${budget})`);
    const breach = previous.modules?.[name]?.knownBudgetBreach;
    record.modules[name] = { file, ...now, budgetGzipBytes, ...(breach ? { knownBudgetBreach: breach } : {}) };
  }
  if (process.argv.includes('--update')) {
    writeFileSync(RECORD, `${JSON.stringify(record, null, 2)}\n`);
    console.log(`recorded in ${RECORD.pathname}`);
  }
}
