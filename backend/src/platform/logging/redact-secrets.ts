/** What replaces a secret in a log line. */
export const REDACTED = '[redacted]';

/**
 * Names of fields that hold secrets wherever they appear: passwords, API keys, tokens, cookies.
 * Matched case-insensitively with `-` and `_` ignored, so `sip_password`, `apiKey`, `x-api-key`,
 * `clientSecret`, `secretKey`, `set-cookie` and `refresh_token` all match, while ids such as
 * `tokenId` or `credentialId` stay readable.
 */
const SENSITIVE_ANYWHERE = /password|passwd|secret|apikey|authorization|cookie|privatekey|encryptionkey|signingkey/i;
const SENSITIVE_ENDING = /(token|jwt)s?$/i;

export function isSensitiveField(name: string): boolean {
  const normalized = name.replace(/[-_]/g, '');
  return SENSITIVE_ANYWHERE.test(normalized) || SENSITIVE_ENDING.test(normalized);
}

const MAX_DEPTH = 8;

/**
 * A copy of a log object with the values of sensitive fields replaced, at any depth. Only plain
 * objects and arrays are walked: class instances (requests, errors) are left to pino's serializers
 * and its path-based redaction, which run afterwards.
 */
export function redactSecrets<T>(value: T): T {
  return walk(value, 0, new WeakSet()) as T;
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (seen.has(value)) return value;
  if (Array.isArray(value)) {
    seen.add(value);
    return value.map((item) => walk(item, depth + 1, seen));
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  seen.add(value);
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] =
      isSensitiveField(key) && field !== undefined && field !== null ? REDACTED : walk(field, depth + 1, seen);
  }
  return copy;
}

/** A URL with the values of sensitive query parameters (`?token=…`) replaced. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url;
  const params = new URLSearchParams(url.slice(queryStart + 1));
  let changed = false;
  for (const key of new Set(params.keys())) {
    if (isSensitiveField(key)) {
      params.set(key, REDACTED);
      changed = true;
    }
  }
  return changed ? `${url.slice(0, queryStart)}?${params.toString()}` : url;
}
