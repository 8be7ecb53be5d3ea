import type { MikroORM } from '@mikro-orm/core';
import type { SessionClaims } from './session-token';
import { endedSessions } from './session-versions';

/** How often open connections are checked: the "within a second" of a removal or sign-out elsewhere. */
export const SESSION_WATCH_INTERVAL_MS = 400;

/** Users per query, well under every database's limit on bound parameters. */
const BATCH = 500;

interface Watched {
  claims: SessionClaims;
  onEnded: () => void;
}

/**
 * Tells long-lived connections (the live-updates stream) when their session ends: removal, sign-out,
 * a new password or role, recorded by any instance. One batched read of the members' read model per
 * interval for all of this instance's open connections, and none while there are none; a read that
 * fails is tried again on the next tick (the session plugin still checks every request).
 */
export class SessionWatch {
  private readonly watched = new Set<Watched>();
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly readModels: MikroORM,
    private readonly intervalMs = SESSION_WATCH_INTERVAL_MS,
  ) {}

  /** Calls `onEnded` once when the session of `claims` ends; returns the function that stops watching. */
  watch(claims: SessionClaims, onEnded: () => void): () => void {
    const entry: Watched = { claims, onEnded };
    this.watched.add(entry);
    this.timer ??= setInterval(() => void this.check(), this.intervalMs).unref();
    return () => this.unwatch(entry);
  }

  get size(): number {
    return this.watched.size;
  }

  close(): void {
    this.watched.clear();
    this.stopTimer();
  }

  private unwatch(entry: Watched): void {
    this.watched.delete(entry);
    if (this.watched.size === 0) this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const entries = [...this.watched];
      for (let start = 0; start < entries.length; start += BATCH) {
        const batch = entries.slice(start, start + BATCH);
        const ended = new Set(
          await endedSessions(
            this.readModels,
            batch.map((entry) => entry.claims),
          ),
        );
        for (const entry of batch) {
          if (!ended.has(entry.claims)) continue;
          this.unwatch(entry);
          entry.onEnded();
        }
      }
    } catch {
      // The next tick tries again; requests are still checked one by one.
    } finally {
      this.checking = false;
    }
  }
}
