// How long after navigation the SDK is ready in a Next.js production app, on a phone as Lighthouse's mobile
// profile models it: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trips, CPU slowed 4×, applied through the
// Chrome DevTools Protocol in Debian's Chromium. Each load is cold (a fresh browser context, no cache); the
// median of the runs is the figure, beside the plan's grades (excellent < 1 s, good 1–2 s, acceptable 2–3 s).
//
// The app is tests/apps/next (its root layout preloads the module with `@cesizen/sdk/preload`, its client component
// starts `init()` when evaluated and marks `cesizen-ready` when it resolves), built from the packed package in
// bindings/wasm/pkg (`cargo xtask test --only wasm-pkg` first).
//
// Run: `node bench/next-load.mjs [runs]` in bindings/wasm (5 runs by default).
import { launchChromium } from '../tests/support/chromium.mjs';
import { packSdk, prepare, serveApp, stopApps } from '../tests/apps/harness.mjs';

const RUNS = Number(process.argv[2] ?? 5);
/** Lighthouse's mobile throttling (its `mobileSlow4G` settings). */
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1638.4 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const url = await serveApp(prepare('next', packSdk()));
const browser = await launchChromium();
try {
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const sizes = new Map();
    cdp.on('Network.responseReceived', ({ requestId, response }) => sizes.set(requestId, { url: response.url, bytes: 0 }));
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const entry = sizes.get(requestId);
      if (entry) entry.bytes = encodedDataLength;
    });
    await page.goto(`${url}/`, { timeout: 120_000 });
    await page.waitForSelector('#result', { timeout: 120_000 });
    const readyMs = await page.evaluate(() => performance.getEntriesByName('cesizen-ready')[0]?.startTime);
    const wasmBytes = [...sizes.values()].filter((e) => e.url.endsWith('.wasm')).reduce((n, e) => n + e.bytes, 0);
    const totalBytes = [...sizes.values()].reduce((n, e) => n + e.bytes, 0);
    runs.push({ readyMs, wasmBytes, totalBytes });
    console.log(`run ${i + 1}: SDK ready ${(readyMs / 1000).toFixed(2)} s after navigation; .wasm ${wasmBytes} B on the wire, page ${totalBytes} B`);
    await context.close();
  }
  const ready = runs.map((r) => r.readyMs);
  console.log(
    `median of ${RUNS} cold loads: ${(median(ready) / 1000).toFixed(2)} s ` +
      `(min ${(Math.min(...ready) / 1000).toFixed(2)}, max ${(Math.max(...ready) / 1000).toFixed(2)}); ` +
      `.wasm ${median(runs.map((r) => r.wasmBytes))} B on the wire`,
  );
  // No load can beat the time the profile's bandwidth takes to carry the page's bytes, whatever the order.
  const floor = median(runs.map((r) => r.totalBytes)) / NETWORK.downloadThroughput;
  console.log(`transfer floor (the page's bytes at ${NETWORK.downloadThroughput * 8 / 1024} kbit/s): ${floor.toFixed(2)} s`);
} finally {
  await browser.close();
  stopApps();
}
