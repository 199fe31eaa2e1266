/**
 * The error thrown by every function of the Cesizen SDK.
 *
 * `code` is the SDK's stable machine code (`"validation.email.invalid"`, `"crypto.decrypt.failed"`, …), the same
 * on the server, in the browser and on the phones: user interfaces translate codes, never messages. The message
 * is English, for developers, and never contains user data.
 */
export class CesizenError extends Error {
  /**
   * @param {string} code the stable machine code
   * @param {string} message a message for developers, free of user data
   */
  constructor(code, message) {
    super(message);
    this.name = 'CesizenError';
    /** @readonly */
    this.code = code;
  }
}
