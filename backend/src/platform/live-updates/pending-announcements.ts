import { comparePositions, type AllPosition } from '@curbe-voice/event-store';
import type { ReachedPosition } from '../projection-progress/stored-checkpoints';

export interface PendingAnnouncement {
  /** The projector whose read model the row belongs to. */
  projectorName: string;
  /** Which row (e.g. the call SID or the account id). */
  key: string;
  /** The latest event for that row: the row is announced once the projector's checkpoint reaches it. */
  position: AllPosition;
  since: number;
}

/**
 * Rows that an event changed but whose projection has not committed yet. Several events for one row
 * collapse into one announcement of its latest state. Pure bookkeeping: no I/O, no clock of its own.
 */
export class PendingAnnouncements {
  private readonly pending = new Map<string, PendingAnnouncement>();

  constructor(private readonly maxSize = 10_000) {}

  get size(): number {
    return this.pending.size;
  }

  /** Returns how many entries were dropped to stay within `maxSize` (the oldest go first). */
  add(projectorName: string, key: string, position: AllPosition, now: number): number {
    const id = `${projectorName}\u0000${key}`;
    const existing = this.pending.get(id);
    if (existing) {
      if (comparePositions(position, existing.position) > 0) existing.position = position;
      return 0;
    }
    this.pending.set(id, { projectorName, key, position, since: now });
    let dropped = 0;
    for (const oldest of this.pending.keys()) {
      if (this.pending.size <= this.maxSize) break;
      this.pending.delete(oldest);
      dropped += 1;
    }
    return dropped;
  }

  /** Removes and returns the rows whose projector has committed up to their latest event. */
  takeReady(reached: ReadonlyMap<string, ReachedPosition>): PendingAnnouncement[] {
    const ready: PendingAnnouncement[] = [];
    for (const [id, entry] of this.pending) {
      const applied = reached.get(entry.projectorName) ?? 'start';
      if (applied === 'start' || comparePositions(applied, entry.position) < 0) continue;
      this.pending.delete(id);
      ready.push(entry);
    }
    return ready;
  }

  /** Removes and returns the rows waited for longer than `maxWaitMs` (their projector is stuck or stopped). */
  takeExpired(now: number, maxWaitMs: number): PendingAnnouncement[] {
    const expired: PendingAnnouncement[] = [];
    for (const [id, entry] of this.pending) {
      if (now - entry.since < maxWaitMs) continue;
      this.pending.delete(id);
      expired.push(entry);
    }
    return expired;
  }
}
