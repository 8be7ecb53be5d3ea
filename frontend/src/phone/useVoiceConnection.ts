import { onBeforeUnmount } from 'vue';
import type { VoiceCredentials } from '../api/types';
import { ApiError, messageOf } from '../api/http-client';
import { usePhoneStore } from './phone-store';
import { useTokenRefresh } from './useTokenRefresh';
import type { VoiceClient, VoiceNotification } from './voice-client';
import type { VoiceSession } from './voice-session';

const READY_TIMEOUT_MS = 15_000;

/**
 * Where the phone gets its login token and its SDK client; tests pass their own. Plain functions (no `this`),
 * since they are handed on as callbacks.
 */
export interface VoiceServices {
  fetchCredentials: () => Promise<VoiceCredentials>;
  createClient: (credentials: VoiceCredentials) => Promise<VoiceClient>;
}

export interface ConnectionHooks {
  onReady: () => void;
  onNotification: (notification: VoiceNotification) => void;
}

/** Follows the browser going offline and back online while the calling component is mounted. */
function followBrowserNetwork(onOffline: () => void, onOnline: () => void): void {
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  onBeforeUnmount(() => {
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
  });
}

/**
 * The link to the voice service: fetches a token, connects, and keeps the store's connection state
 * honest through errors, lost sockets and the computer going offline and back online.
 */
export function useVoiceConnection(session: VoiceSession, services: VoiceServices, hooks: ConnectionHooks) {
  const phone = usePhoneStore();
  const tokens = useTokenRefresh(session, services.fetchCredentials);
  let readyTimer: ReturnType<typeof setTimeout> | null = null;
  let stopping = false;

  function onReady(): void {
    if (readyTimer) clearTimeout(readyTimer);
    phone.setConnection('ready');
    tokens.schedule();
    hooks.onReady();
  }

  function onError(event: { error?: { message?: string }; callId?: string } | undefined): void {
    const message = event?.error?.message ?? 'The voice service reported an error.';
    // Errors about one call belong to that call; the connection itself is fine.
    if (event?.callId) phone.error = message;
    else phone.setConnection('error', message);
  }

  function onSocketLost(): void {
    if (stopping) return;
    // The SDK reconnects by itself; say so instead of pretending to be ready.
    phone.setConnection(navigator.onLine === false ? 'offline' : 'reconnecting');
  }

  async function connect(): Promise<void> {
    if (session.client || phone.connection === 'connecting') return;
    stopping = false;
    phone.setConnection('connecting');
    let credentials: VoiceCredentials;
    try {
      credentials = await services.fetchCredentials();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409)
        phone.setConnection('not_activated', 'Phone service is not activated yet.');
      else phone.setConnection('error', messageOf(error));
      return;
    }
    tokens.use(credentials);
    const client = await services.createClient(credentials);
    session.client = client;
    client.on('telnyx.ready', onReady);
    client.on('telnyx.error', onError);
    client.on('telnyx.warning', tokens.onWarning);
    client.on('telnyx.notification', hooks.onNotification);
    client.on('telnyx.socket.close', onSocketLost);
    client.on('telnyx.socket.error', onSocketLost);
    readyTimer = setTimeout(() => {
      if (phone.connection === 'connecting')
        phone.setConnection('error', 'The voice service did not answer. Try reconnecting.');
    }, READY_TIMEOUT_MS);
    try {
      await client.connect();
    } catch (error) {
      phone.setConnection('error', messageOf(error));
    }
  }

  /** Stops listening and hands back the client to close; the caller forgets the calls. */
  function detach(): VoiceClient | null {
    stopping = true;
    tokens.stop();
    if (readyTimer) clearTimeout(readyTimer);
    const closing = session.client;
    session.client = null;
    return closing;
  }

  followBrowserNetwork(
    () => phone.setConnection('offline', 'This computer is offline.'),
    () => {
      if (session.client) phone.setConnection('reconnecting');
      else void connect();
    },
  );

  return { connect, detach };
}
