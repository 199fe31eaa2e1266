// The shared test vectors of tests/vectors/*.json, as every language binding runs them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** The workspace's vector directory. */
export const VECTORS_DIR = new URL('../../../../tests/vectors/', import.meta.url);

/** Every vector file, `{ file, topic, description, cases: [{ name, op, input, expected?, error? }] }`, by name. */
export function loadVectorFiles() {
  if (!existsSync(VECTORS_DIR)) return [];
  return readdirSync(VECTORS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(new URL(file, VECTORS_DIR), 'utf8')) }));
}

/** JSON text with object keys sorted at every level, so that two equal values give the same bytes. */
export function canonicalJson(value) {
  return JSON.stringify(value, (_key, v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]))
      : v,
  );
}
