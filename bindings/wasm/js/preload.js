// The URL of the root module's `.wasm` as the app's bundler ships it, for a `<link rel="preload">` in the
// document's head: the download then starts with the document instead of after hydration, and `init()` takes it
// from the cache. Bundlers rewrite this `new URL(…, import.meta.url)` into the asset's public path on the server
// and in the browser alike (Next.js: `/_next/static/media/cesizen_wasm_bg.<hash>.wasm`).

/** The root module's URL (a path when bundled, a `file:` URL in plain Node, where there is nothing to preload). */
export const moduleUrl = String(new URL('./cesizen_wasm_bg.wasm', import.meta.url));
