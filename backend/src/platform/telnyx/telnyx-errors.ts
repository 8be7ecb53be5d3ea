import Telnyx from 'telnyx';
import type { TelnyxErrorDetail } from '@curbe-voice/contracts';

/** Telnyx refused the request for a reason that repeating it unchanged will not fix (4xx). */
export class TelnyxPermanentError extends Error {
  override readonly name = 'TelnyxPermanentError';
  constructor(
    readonly status: number,
    readonly errors: TelnyxErrorDetail[],
    message: string,
  ) {
    super(message);
  }
}

/** Telnyx was unreachable, rate-limited us or failed on its side: trying again later may work. */
export class TelnyxTransientError extends Error {
  override readonly name = 'TelnyxTransientError';
  constructor(
    readonly status: number | undefined,
    readonly errors: TelnyxErrorDetail[],
    message: string,
    /** How long Telnyx asked us to wait (from `retry-after` / `retry-after-ms`), if it said. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

export type TelnyxError = TelnyxPermanentError | TelnyxTransientError;

function errorDetails(body: unknown): TelnyxErrorDetail[] {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((raw) => {
    const e = (raw ?? {}) as Record<string, unknown>;
    const detail: TelnyxErrorDetail = {};
    if (typeof e['code'] === 'string' || typeof e['code'] === 'number') detail.code = e['code'];
    if (typeof e['title'] === 'string') detail.title = e['title'];
    if (typeof e['detail'] === 'string') detail.detail = e['detail'];
    const source = e['source'] as Record<string, unknown> | undefined;
    if (source && typeof source === 'object') {
      detail.source = {};
      if (typeof source['pointer'] === 'string') detail.source.pointer = source['pointer'];
      if (typeof source['parameter'] === 'string') detail.source.parameter = source['parameter'];
    }
    return detail;
  });
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const isTransientStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/** Turns whatever the SDK threw into a permanent or transient Telnyx error (other errors pass through). */
export function mapTelnyxError(error: unknown): unknown {
  if (error instanceof TelnyxPermanentError || error instanceof TelnyxTransientError) return error;
  if (error instanceof Telnyx.APIConnectionError) {
    return new TelnyxTransientError(undefined, [], `Telnyx unreachable: ${error.message}`, undefined);
  }
  if (error instanceof Telnyx.APIError && typeof error.status === 'number') {
    const errors = errorDetails(error.error);
    const summary =
      errors
        .map((e) => e.detail ?? e.title)
        .filter(Boolean)
        .join('; ') || error.message;
    return isTransientStatus(error.status)
      ? new TelnyxTransientError(
          error.status,
          errors,
          `Telnyx ${error.status}: ${summary}`,
          retryAfterMs(error.headers as Headers | undefined),
        )
      : new TelnyxPermanentError(error.status, errors, `Telnyx ${error.status}: ${summary}`);
  }
  return error;
}

/** Runs one SDK call and rethrows its failure as a mapped Telnyx error. */
export async function callTelnyx<T>(call: () => PromiseLike<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw mapTelnyxError(error);
  }
}
