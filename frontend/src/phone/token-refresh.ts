/**
 * When to swap in a fresh WebRTC login token. The SDK only warns that a token is about to expire;
 * the phone fetches a new one ahead of time and logs in again on the open socket, so no call drops.
 */

/** Refresh this long before expiry, or at half the remaining life for short-lived tokens. */
export const REFRESH_LEAD_MS = 2 * 60_000;
/** Never hammer the backend, even for a token that is already (nearly) expired. */
export const MIN_DELAY_MS = 1_000;

/** setTimeout fires at once for delays past 2^31-1 ms (24.8 days): long-lived tokens wait at most this. */
export const MAX_DELAY_MS = 2 ** 31 - 1;

/** Milliseconds to wait before refreshing a token that expires at `expiresAt`, from `now`. */
export function refreshDelayMs(expiresAt: string | number | Date, now: number): number {
  const expiry = new Date(expiresAt).getTime();
  if (Number.isNaN(expiry)) return MIN_DELAY_MS;
  const remaining = expiry - now;
  const lead = Math.min(REFRESH_LEAD_MS, remaining / 2);
  return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, Math.floor(remaining - lead)));
}

/** After a failed refresh: 2 s, 4 s, 8 s … capped at 60 s, and never past the token's expiry. */
export function retryDelayMs(failedAttempts: number, expiresAt: string | number | Date, now: number): number {
  const backoff = Math.min(60_000, 2_000 * 2 ** Math.max(0, failedAttempts - 1));
  const untilExpiry = new Date(expiresAt).getTime() - now;
  return Number.isNaN(untilExpiry) ? backoff : Math.max(MIN_DELAY_MS, Math.min(backoff, untilExpiry));
}

/** The SDK's own "token expiring soon" warning comes this long before expiry (or earlier, see below). */
export const SDK_WARNING_WINDOW_MS = 10 * 60_000;

/**
 * Whether the SDK's "token expiring soon" warning is worth a refresh. The SDK schedules that warning
 * with setTimeout too, so for tokens valid longer than 24.8 days it fires at once after every login;
 * believing it would refresh in a loop. Our own `expires_at` decides.
 */
export function warningCallsForRefresh(expiresAt: string | number | Date, now: number): boolean {
  const expiry = new Date(expiresAt).getTime();
  return Number.isNaN(expiry) || expiry - now <= SDK_WARNING_WINDOW_MS;
}
