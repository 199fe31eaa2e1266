'use client';
// A client component. `init()` starts when this module is evaluated in the browser (before hydration), and the
// root layout preloads the module with the document. The `cesizen-ready` mark (time since navigation when
// `init()` resolved) is what bench/next-load.mjs measures.
import { useEffect, useState } from 'react';
import * as sdk from '@cesizen/sdk';
import { scenario } from '../lib/scenario.js';

const ready = typeof window === 'undefined' ? null : sdk.init().then(() => performance.mark('cesizen-ready'));

export default function Page() {
  const [result, setResult] = useState(null);
  useEffect(() => {
    ready.then(
      () => setResult(scenario(sdk)),
      (error) => setResult({ error: String(error) }),
    );
  }, []);
  return result && <pre id="result">{JSON.stringify(result)}</pre>;
}
