/**
 * The URL of the root module's `.wasm` as the app's bundler ships it, for a `<link rel="preload" as="fetch"
 * crossorigin>` in the document's head, so that the download starts with the document and `init()` finds it in
 * the cache. In a Next.js root layout: `preload(moduleUrl, { as: 'fetch', crossOrigin: 'anonymous' })` (from
 * `react-dom`).
 */
export declare const moduleUrl: string;
