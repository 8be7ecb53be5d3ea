import type { MikroORM } from '@mikro-orm/core';
import {
  matchesFilter,
  type AllPosition,
  type EventFilter,
  type EventStore,
  type RecordedEvent,
} from '@curbe-voice/event-store';
import type { Projector } from '@curbe-voice/projections';
import type { Logger } from '../logging/create-logger';
import { readReachedPositions, type ReachedPosition } from '../projection-progress/stored-checkpoints';
import type { LiveUpdateHub, LiveUpdate } from './live-update-hub';
import { PendingAnnouncements } from './pending-announcements';
import { backoffDelayMs, pause, type RetryPolicy } from '../timing/retry-policy';

/** Resubscribing after the store failed the subscription: never give up, back off to 5 s at most. */
const RESUBSCRIBE: RetryPolicy = { attempts: Number.POSITIVE_INFINITY, baseDelayMs: 200, maxDelayMs: 5_000 };

/** A read model whose changes are pushed to browsers, seen from the events that change it. */
export interface AnnouncedReadModel {
  projector: Projector;
  /** Which row the event changes (null: none). */
  rowKeyOf(event: RecordedEvent): string | null;
  /** The row's current state as a live update, once committed (null: the row is gone or not shown). */
  load(orm: MikroORM, key: string): Promise<LiveUpdate | null>;
}

export interface CheckpointGatedFeedOptions {
  store: EventStore;
  orm: MikroORM;
  hub: LiveUpdateHub;
  readModels: AnnouncedReadModel[];
  logger: Logger;
  /** How often the checkpoints are read while some row waits for its projection. */
  pollIntervalMs?: number;
  /** A row still not projected after this long is given up (the worker is down or stuck). */
  maxWaitMs?: number;
}

/**
 * Live updates when the projections run in another process, so this backend never sees the rows
 * being written. It follows `$all` itself and, for every event that changes an announced row, waits
 * until the projector's checkpoint in the read-model database has passed the event's position, then
 * reads the committed row and publishes it. Every backend instance does this for its own browsers.
 */
export class CheckpointGatedFeed {
  private readonly pending = new PendingAnnouncements();
  private readonly abort = new AbortController();
  private wake: (() => void) | null = null;
  private loops: Promise<void>[] = [];
  private lastSeen: AllPosition | 'start' = 'start';

  constructor(private readonly options: CheckpointGatedFeedOptions) {}

  /** Follows the store from where the slowest announced projection stands (all after it is still to come). */
  async start(): Promise<void> {
    const reached = await readReachedPositions(this.options.orm, this.projectors());
    this.lastSeen = earliest([...reached.values()]);
    this.loops = [this.follow(), this.announce()];
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.wake?.();
    await Promise.all(this.loops);
  }

  private projectors(): Projector[] {
    return this.options.readModels.map((readModel) => readModel.projector);
  }

  private async follow(): Promise<void> {
    const { store, logger } = this.options;
    const signal = this.abort.signal;
    let failures = 0;
    while (!signal.aborted) {
      const filter = unionOf(this.projectors().map((projector) => projector.filter));
      const subscription = store.subscribeToAll({ fromPosition: this.lastSeen, ...(filter ? { filter } : {}) });
      const unsubscribe = () => void subscription.unsubscribe();
      signal.addEventListener('abort', unsubscribe);
      try {
        for await (const event of subscription) {
          this.note(event);
          failures = 0;
        }
      } catch (error) {
        if (!signal.aborted) logger.error({ err: error }, 'live-update subscription failed; resubscribing');
      } finally {
        signal.removeEventListener('abort', unsubscribe);
        await subscription.unsubscribe();
      }
      failures += 1;
      if (!signal.aborted) await pause(backoffDelayMs(failures, RESUBSCRIBE), signal);
    }
  }

  private note(event: RecordedEvent): void {
    this.lastSeen = event.position;
    for (const readModel of this.options.readModels) {
      if (!matchesFilter(readModel.projector.filter, event.streamName, event.type)) continue;
      const key = readModel.rowKeyOf(event);
      if (key === null) continue;
      const dropped = this.pending.add(readModel.projector.name, key, event.position, Date.now());
      if (dropped > 0)
        this.options.logger.warn({ dropped }, 'too many live updates waiting for the projections; oldest dropped');
    }
    this.wake?.();
  }

  private async announce(): Promise<void> {
    const { orm, logger, readModels } = this.options;
    const pollIntervalMs = this.options.pollIntervalMs ?? 50;
    const maxWaitMs = this.options.maxWaitMs ?? 60_000;
    const signal = this.abort.signal;
    const byProjector = new Map(readModels.map((readModel) => [readModel.projector.name, readModel]));
    while (!signal.aborted) {
      if (this.pending.size === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      try {
        const reached = await readReachedPositions(orm, this.projectors());
        for (const entry of this.pending.takeReady(reached)) {
          const update = await byProjector.get(entry.projectorName)!.load(orm, entry.key);
          if (update) this.options.hub.publish(update);
        }
        const expired = this.pending.takeExpired(Date.now(), maxWaitMs);
        if (expired.length > 0) {
          logger.warn(
            { rows: expired.length, projectors: [...new Set(expired.map((entry) => entry.projectorName))] },
            'live updates given up: the projections did not catch up (is the projections worker running?)',
          );
        }
      } catch (error) {
        if (!signal.aborted) logger.error({ err: error }, 'reading the projection checkpoints for live updates failed');
      }
      if (this.pending.size > 0) await pause(pollIntervalMs, signal);
    }
  }
}

/** One subscription for several projectors: prefix lists are OR-ed; any unfiltered projector means no filter. */
function unionOf(filters: (EventFilter | undefined)[]): EventFilter | undefined {
  if (filters.some((filter) => filter === undefined)) return undefined;
  const streamNamePrefixes = [...new Set(filters.flatMap((filter) => filter!.streamNamePrefixes ?? []))];
  const eventTypePrefixes = [...new Set(filters.flatMap((filter) => filter!.eventTypePrefixes ?? []))];
  return {
    ...(streamNamePrefixes.length > 0 ? { streamNamePrefixes } : {}),
    ...(eventTypePrefixes.length > 0 ? { eventTypePrefixes } : {}),
  };
}

function earliest(positions: ReachedPosition[]): AllPosition | 'start' {
  let result: AllPosition | 'start' | undefined;
  for (const position of positions) {
    if (position === 'start') return 'start';
    if (
      result === undefined ||
      result === 'start' ||
      position.commit < result.commit ||
      (position.commit === result.commit && position.prepare < result.prepare)
    ) {
      result = position;
    }
  }
  return result ?? 'start';
}
