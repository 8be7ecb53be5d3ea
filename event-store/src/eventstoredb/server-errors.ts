/**
 * Which failures of the EventStoreDB client are worth another try. The client's errors carry a `type`
 * (its `ErrorType` values); checking that string keeps this pure and independent of class identity.
 */

/** The server or the connection is briefly away: no node, no leader yet, or no answer in time. */
const TRANSIENT = new Set(['unavailable', 'deadline-exceeded', 'not-leader', 'timeout']);

/** Mistakes on our side or decisions of the server: retrying changes nothing. */
const PERMANENT = new Set([
  'access-denied',
  'invalid-argument',
  'unsupported',
  'stream-deleted',
  'wrong-expected-version',
  'maximum-append-size-exceeded',
]);

function typeOf(error: unknown): string | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
}

/** Reads and appends are retried on these (appends safely: the same event ids make a retry idempotent). */
export function isTransientServerError(error: unknown): boolean {
  const type = typeOf(error);
  return type !== undefined && TRANSIENT.has(type);
}

/**
 * A live subscription is resumed after anything but a permanent error: a server restart ends its gRPC
 * stream as cancelled, unavailable or unknown depending on timing.
 */
export function isResumableStreamError(error: unknown): boolean {
  const type = typeOf(error);
  return type === undefined ? error instanceof Error : !PERMANENT.has(type);
}
