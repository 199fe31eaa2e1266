// The built package, loaded once through its Node entry (what `import '@cesizen/sdk'` selects in Node).
import * as sdk from '../../pkg/node.js';

await sdk.init();

export default sdk;
