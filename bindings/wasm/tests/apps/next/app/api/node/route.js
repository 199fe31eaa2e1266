// A Route Handler on the Node runtime.
import * as sdk from '@cesizen/sdk';
import * as ops from '@cesizen/sdk/ops';
import { opsScenario, scenario } from '../../../lib/scenario.js';

export const dynamic = 'force-dynamic';

export async function GET() {
  await Promise.all([sdk.init(), ops.init()]);
  return Response.json({ ...scenario(sdk), ops: opsScenario(ops) });
}
