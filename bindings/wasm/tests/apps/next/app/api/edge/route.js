// A Route Handler on the edge runtime.
import * as sdk from '@cesizen/sdk';
import { scenario } from '../../../lib/scenario.js';

export const runtime = 'edge';

export async function GET() {
  await sdk.init();
  return Response.json(scenario(sdk));
}
