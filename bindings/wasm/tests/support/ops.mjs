// How each operation of the shared vectors maps onto the package's public API: `(sdk, input, file) => output`,
// where `output` has the shape of the case's `expected` (or the call throws the case's error).
//
// The mapping only renames and reshapes: every value comes from the package.

/** The operations bound so far, by vector `op`. */
export const OPS = {};
