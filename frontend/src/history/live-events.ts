import { authApi, EVENTS_STREAM_URL } from '../api/curbe-api';
import { announceSessionEnded } from '../api/http-client';

export type LiveEventName = 'call' | 'activation' | 'number';
type Listener = (data: unknown) => void;

/**
 * One server-sent-events connection per tab for live updates. EventSource reconnects by itself;
 * `connected` tells the page whether updates are flowing right now. The backend says `session-ended`
 * the moment the member's session ends (removed, signed out elsewhere…); a stream it refuses to reopen
 * is checked the same way, so an idle page learns it too.
 */
export class LiveEvents {
  private source: EventSource | null = null;
  private readonly listeners = new Map<LiveEventName, Set<Listener>>();
  onStatus: (connected: boolean) => void = () => undefined;

  open(): void {
    if (this.source || typeof EventSource === 'undefined') return;
    const source = new EventSource(EVENTS_STREAM_URL, { withCredentials: true });
    this.source = source;
    source.onopen = () => this.onStatus(true);
    source.onerror = () => {
      this.onStatus(false);
      // EventSource gives up (CLOSED) on a non-200 answer such as 401: ask the backend who is signed in,
      // which announces the end of the session if that is why.
      if (source.readyState === EventSource.CLOSED) void authApi.me().catch(() => undefined);
    };
    source.addEventListener('session-ended', () => announceSessionEnded());
    for (const name of ['call', 'activation', 'number'] as const) {
      source.addEventListener(name, (event) => {
        let data: unknown;
        try {
          data = JSON.parse((event as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const listener of this.listeners.get(name) ?? []) listener(data);
      });
    }
  }

  on(name: LiveEventName, listener: Listener): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener);
    this.listeners.set(name, set);
    return () => set.delete(listener);
  }

  close(): void {
    this.source?.close();
    this.source = null;
    this.onStatus(false);
  }
}

export const liveEvents = new LiveEvents();
