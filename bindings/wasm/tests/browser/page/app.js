// The test page's script: the package used as a front end would use it, through the DOM.
import * as sdk from '/pkg/index.js';

const $ = (id) => document.getElementById(id);

/** Runs `fn`, showing its result in `#out` or the CesizenError code in `#out-error`. */
function show(out, fn) {
  $(out).textContent = '';
  $(`${out}-error`).textContent = '';
  try {
    $(out).textContent = fn();
  } catch (error) {
    $(`${out}-error`).textContent = error instanceof sdk.CesizenError ? error.code : `not a CesizenError: ${error}`;
  }
}

await sdk.init();
$('version').textContent = sdk.sdkVersion();

$('new-entry-id').addEventListener('click', () => show('entry-id', () => sdk.newJournalEntryId($('recorded-at').value)));

document.body.dataset.ready = 'true';
