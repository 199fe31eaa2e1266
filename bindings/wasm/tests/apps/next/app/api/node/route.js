// A Route Handler on the Node runtime.
import * as sdk from '@cesizen/sdk';
import { scenario } from '../../../lib/scenario.js';

export const dynamic = 'force-dynamic';

export async function GET() {
  await sdk.init();
  return Response.json(scenario(sdk));
}
