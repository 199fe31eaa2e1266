import type { CesizenErrorCode } from './codes.js';

/**
 * The error thrown by every function of the Cesizen SDK.
 *
 * `code` is the SDK's stable machine code (`"validation.email.invalid"`, `"crypto.decrypt.failed"`, …), the same
 * on the server, in the browser and on the phones: user interfaces translate codes, never messages. The message
 * is English, for developers, and never contains user data.
 */
export declare class CesizenError extends Error {
  /** The stable machine code, e.g. `"validation.email.invalid"`: one of `CesizenErrorCode`, so comparing it with
   *  a misspelt code does not compile. */
  readonly code: CesizenErrorCode;
  constructor(code: CesizenErrorCode, message: string);
}
