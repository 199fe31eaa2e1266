// The ops module's glue imports `./errors.js`: it is the package root's, so that one `CesizenError` class is
// thrown by both modules (`instanceof` holds whichever module threw).
export * from '../errors.js';
