'use client';
// A client component: the SDK runs in the browser after hydration. The `cesizen-ready` mark (time since navigation
// when `init()` resolved) is what bench/next-load.mjs measures.
import { useEffect, useState } from 'react';
import * as sdk from '@cesizen/sdk';
import { scenario } from '../lib/scenario.js';

export default function Page() {
  const [result, setResult] = useState(null);
  useEffect(() => {
    sdk.init().then(
      () => {
        performance.mark('cesizen-ready');
        setResult(scenario(sdk));
      },
      (error) => setResult({ error: String(error) }),
    );
  }, []);
  return result && <pre id="result">{JSON.stringify(result)}</pre>;
}
