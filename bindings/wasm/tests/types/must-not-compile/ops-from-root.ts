// The operations surface is `@cesizen/sdk/ops`: the root module does not export it.
import { allowedDowntimeRolling } from '@cesizen/sdk'; // error TS2305
import { Keyring } from '@cesizen/sdk'; // error TS2305

export const uses = [allowedDowntimeRolling, Keyring];
