/** Why a message did not go out, as the modem (or the line to it) said. */
export type SmsSendErrorCode = 'CMS_ERROR' | 'CME_ERROR' | 'TIMEOUT' | 'NO_PROMPT' | 'DISCONNECTED' | 'ERROR';

/**
 * A send that failed: `+CMS ERROR: <n>` (the network or the SIM refused the message), `+CME ERROR: <n>`
 * (the modem itself), no answer in time, no `> ` prompt for the text, the port gone, or a plain
 * `ERROR`. `detail` keeps what the modem said (`500`, `ERROR`) or the port's error message.
 */
export class SmsSendError extends Error {
  constructor(
    readonly code: SmsSendErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

/**
 * A message that cannot be sent whatever the modem does: a number that is not an Indonesian mobile
 * number, or a text longer than one SMS. Found before the port is touched; retrying cannot help.
 */
export class SmsInputError extends Error {
  constructor(
    readonly code: 'INVALID_PHONE' | 'TOO_LONG',
    message: string,
  ) {
    super(message);
    this.name = 'SmsInputError';
  }
}
