'use client';
// An operations page: it loads `@cesizen/sdk/ops` on demand (a dynamic import), so that the app's other pages
// never download the operations module.
import { useEffect, useState } from 'react';
import { opsScenario } from '../../lib/scenario.js';

export default function OpsPage() {
  const [result, setResult] = useState(null);
  useEffect(() => {
    import('@cesizen/sdk/ops')
      .then(async (ops) => {
        await ops.init();
        setResult(opsScenario(ops));
      })
      .catch((error) => setResult({ error: String(error) }));
  }, []);
  return result && <pre id="result">{JSON.stringify(result)}</pre>;
}
