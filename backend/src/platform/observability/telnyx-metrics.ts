import type { Metrics } from './metrics';

/** `https://api.telnyx.com/v2/telephony_credentials/abc` → `telephony_credentials` (never an id). */
export function telnyxResource(url: string): string {
  const path = URL.canParse(url) ? new URL(url).pathname : url;
  const match = /\/v2\/([a-z_]+)/.exec(path);
  return match?.[1] ?? 'other';
}

/**
 * The `fetch` given to every Telnyx SDK client: counts error answers by status, so a rising rate of
 * 401s (a revoked key), 422s (requests Telnyx rejects) or 5xx shows before users report it.
 */
export function countingTelnyxFetch(
  metrics: Pick<Metrics, 'telnyxApiErrors'>,
  inner: typeof fetch = fetch,
): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const labels = { method, resource: telnyxResource(url) };
    try {
      const response = await inner(input, init);
      if (response.status >= 400) metrics.telnyxApiErrors.inc({ ...labels, status: String(response.status) });
      return response;
    } catch (error) {
      // Our own cancellation (shutdown, timeout handled by the SDK) is not Telnyx's failure.
      if (!init?.signal?.aborted) metrics.telnyxApiErrors.inc({ ...labels, status: 'unreachable' });
      throw error;
    }
  };
}
