/** Signed in, but not allowed here: answered with 403. */
export class AccessDenied extends Error {
  override readonly name = 'AccessDenied';
  readonly statusCode = 403;
}
