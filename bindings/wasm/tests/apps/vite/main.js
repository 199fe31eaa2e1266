import * as sdk from '@cesizen/sdk';
import { scenario } from './lib/scenario.js';

const out = document.getElementById('result');
sdk.init().then(
  () => (out.textContent = JSON.stringify(scenario(sdk))),
  (error) => (out.textContent = JSON.stringify({ error: String(error) })),
);
