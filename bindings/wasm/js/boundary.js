// Internal helpers imported by the WebAssembly module (not part of the public API).
//
// They never throw: an exception caught by the generated glue costs a handle that is never given back, so the
// module asks JavaScript for results that say "no" instead.

/** The JSON text of `value`, or `undefined` when JSON cannot carry it (BigInt, cycles, `undefined`, symbols). */
export function jsonText(value) {
  try {
    const text = JSON.stringify(value);
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

/** `JSON.parse` of text the module wrote (always valid JSON). */
export function jsonParse(text) {
  return JSON.parse(text);
}
