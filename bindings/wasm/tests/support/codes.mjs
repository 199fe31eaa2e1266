// The codes of `CesizenErrorCode` (pkg/codes.d.ts, generated from the SDK's code tables): every code a test sees
// thrown must be one of them, or TypeScript code comparing `error.code` with it would not compile.
import { readFileSync } from 'node:fs';

const declaration = readFileSync(new URL('../../pkg/codes.d.ts', import.meta.url), 'utf8');

/** The members of the `CesizenErrorCode` union. */
export const CODES = new Set([...declaration.matchAll(/\| "([^"]+)"/g)].map((m) => m[1]));
