/**
 * How long a call's fields may be, shared by the webhook edge (which refuses longer values) and the
 * read-model columns (which are sized from the same numbers), so that nothing accepted can overflow a column.
 */
export const CALL_FIELD_LIMITS = {
  /** Telnyx call ids are `v3:` + about 50 base64url characters; room to spare, never unbounded. */
  callSid: 128,
  /** A caller or destination: an E.164 number, a SIP username or a SIP URI. */
  party: 200,
  /** One of our numbers, in E.164 (15 digits at most, and the `+`). */
  ourNumber: 40,
  recordingSid: 128,
  /** Telnyx's signed recording links are long; anything near this is not a link Telnyx gave. */
  recordingUrl: 4096,
  /** Any other field Telnyx sends. */
  otherField: 1024,
  /** The largest whole number a read-model integer column holds (PostgreSQL `integer`). */
  maxInteger: 2_147_483_647,
} as const;

/** Telnyx ids: letters, digits and `:_.-`, starting with a letter or digit (never `__proto__` or a path). */
export const TELNYX_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9:_.-]*$';

/** No control characters (NUL included): they cut SQL text and break logs and XML. */
export const PRINTABLE_PATTERN = '^[^\\u0000-\\u001F\\u007F]*$';
