// A Server Component: the SDK runs on the server while the page renders.
import * as sdk from '@cesizen/sdk';
import { scenario } from '../../lib/scenario.js';

export const dynamic = 'force-dynamic';

export default async function ServerPage() {
  await sdk.init();
  return <pre id="result">{JSON.stringify(scenario(sdk))}</pre>;
}
