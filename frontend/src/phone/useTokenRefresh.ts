import type { VoiceCredentials } from '../api/types';
import { refreshDelayMs, retryDelayMs, warningCallsForRefresh } from './token-refresh';
import type { VoiceSession } from './voice-session';

/** The SDK's TOKEN_EXPIRING_SOON warning code. */
const TOKEN_EXPIRING_SOON = 34001;

/**
 * Keeps the client logged in: fetches a fresh token before the current one expires and logs in
 * again on the open socket, so calls in progress are not touched. Failed refreshes are retried.
 */
export function useTokenRefresh(session: VoiceSession, fetchCredentials: () => Promise<VoiceCredentials>) {
  let credentials: VoiceCredentials | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let refreshing = false;

  function scheduleAt(expiresAt: string): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(), refreshDelayMs(expiresAt, Date.now()));
  }

  async function refresh(): Promise<void> {
    if (!session.client || refreshing) return;
    if (timer) clearTimeout(timer);
    refreshing = true;
    try {
      const fresh = await fetchCredentials();
      // The phone may have disconnected while the token was on its way: that counts as a failed refresh.
      const client = session.client;
      if (!client) throw new Error('The phone disconnected.');
      await client.login({ creds: { login_token: fresh.token } });
      credentials = fresh;
      failures = 0;
      scheduleAt(fresh.expires_at);
    } catch {
      failures += 1;
      const expiresAt = credentials?.expires_at ?? Date.now();
      timer = setTimeout(() => void refresh(), retryDelayMs(failures, expiresAt, Date.now()));
    } finally {
      refreshing = false;
    }
  }

  /** The credentials the client was created with. */
  function use(fresh: VoiceCredentials): void {
    credentials = fresh;
  }

  /** Plans the next refresh from the token in use; called each time the client is ready. */
  function schedule(): void {
    if (credentials) scheduleAt(credentials.expires_at);
  }

  function onWarning(event: { warning?: { code?: number } } | undefined): void {
    if (event?.warning?.code !== TOKEN_EXPIRING_SOON || !credentials) return;
    if (warningCallsForRefresh(credentials.expires_at, Date.now())) void refresh();
  }

  function stop(): void {
    if (timer) clearTimeout(timer);
  }

  return { use, schedule, onWarning, stop };
}
