// Measures the gzipped size of the package's `.wasm` and compares it with size.json.
//
//   node tests/size/measure.mjs            prints the measurement
//   node tests/size/measure.mjs --update   records it in size.json (commit the file with the change that grew it)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

export const WASM = new URL('../../pkg/cesizen_wasm_bg.wasm', import.meta.url);
export const RECORD = new URL('../../size.json', import.meta.url);

/** The budget of the whole SDK, gzipped (the README states it). */
export const BUDGET_BYTES = 250 * 1000;
/** A growth beyond this fraction of the recorded size fails until size.json is updated. */
export const ALLOWED_GROWTH = 0.1;

/** `{ rawBytes, gzipBytes }` of the built module, gzip at level 9 as web servers pre-compress. */
export function measure() {
  const bytes = readFileSync(WASM);
  const gzipped = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
  return { rawBytes: bytes.length, gzipBytes: gzipped.length };
}

/** The committed record. */
export function recorded() {
  return JSON.parse(readFileSync(RECORD, 'utf8'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const now = measure();
  console.log(`cesizen_wasm_bg.wasm: ${now.rawBytes} bytes, ${now.gzipBytes} bytes gzipped (budget ${BUDGET_BYTES})`);
  if (process.argv.includes('--update')) {
    const previous = existsSync(RECORD) ? recorded() : {};
    const record = {
      file: 'pkg/cesizen_wasm_bg.wasm',
      gzipLevel: 9,
      rawBytes: now.rawBytes,
      gzipBytes: now.gzipBytes,
      budgetGzipBytes: BUDGET_BYTES,
      ...(previous.knownBudgetBreach ? { knownBudgetBreach: previous.knownBudgetBreach } : {}),
    };
    writeFileSync(RECORD, `${JSON.stringify(record, null, 2)}\n`);
    console.log(`recorded in ${RECORD.pathname}`);
  }
}
