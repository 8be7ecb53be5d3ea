import type { MikroORM } from '@mikro-orm/core';
import type { AllPosition, EventStore, RecordedEvent } from '@curbe-voice/event-store';
import { positionToString } from '@curbe-voice/event-store';
import {
  claimCheckpoint,
  ensureCheckpointRow,
  readCheckpoint,
  resetProjection,
  UNBUILT_VERSION,
  writeCheckpoint,
  type StoredCheckpoint,
} from '../checkpoints/checkpoint-store';
import { CheckpointMovedError, EventApplyError } from './projection-errors';
import { EventBuffer } from './event-buffer';
import type { ProjectionLogger } from './logger';
import type { Projector } from './projector';
import { parkEvent } from '../parking/parked-event-store';
import { pingReadModels } from '../orm/ping-read-models';
import { retryDelayMs, waitBeforeRetry, type RetryPolicy } from './retry-policy';

export interface ProjectorWorkerOptions {
  store: EventStore;
  orm: MikroORM;
  logger: ProjectionLogger;
  maxBatchSize: number;
  retry: RetryPolicy;
  /** Called after every commit or reset, so waiters can re-check positions. */
  onProgress: () => void;
}

/**
 * Feeds one projector from its own `$all` subscription, starting after its checkpoint. Each batch of
 * already-delivered events is applied and checkpointed in one read-model transaction, so rows and
 * checkpoint always move together and every event lands exactly once. Each transaction first claims
 * the checkpoint it started from, which fences off any other runner feeding the same projector.
 */
export class ProjectorWorker {
  private position: AllPosition | 'start' = 'start';
  private failures = 0;
  private running: { abort: AbortController; loop: Promise<void> } | null = null;

  constructor(
    readonly projector: Projector,
    private readonly options: ProjectorWorkerOptions,
  ) {}

  /** The last `$all` position whose effects are committed to the read model. */
  get appliedPosition(): AllPosition | 'start' {
    return this.position;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const { name, version } = this.projector;
    const checkpoint = await this.loadCheckpoint();
    if (checkpoint.version === version) {
      this.position = checkpoint.position;
    } else {
      if (checkpoint.version !== UNBUILT_VERSION) {
        this.options.logger.warn(
          { projector: name, fromVersion: checkpoint.version, toVersion: version },
          'Projector version changed: rebuilding its read model from the start',
        );
      }
      // A checkpoint of no or another version means the rows cannot be trusted: start from empty tables.
      await this.reset();
    }
    const abort = new AbortController();
    this.running = { abort, loop: this.run(abort.signal) };
  }

  /** Lets the transaction in flight commit, then stops. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.abort.abort();
    await running.loop;
    this.running = null;
  }

  /** Empties the projector's tables and rewinds its checkpoint. Only while stopped. */
  async reset(): Promise<void> {
    if (this.running) throw new Error(`Projector ${this.projector.name} must be stopped before it is reset`);
    const { name, version, entities } = this.projector;
    // Retried when another runner changes the checkpoint between our read and our reset.
    while (!(await resetProjection(this.options.orm.em.fork(), name, version, entities, await this.loadCheckpoint())));
    this.position = 'start';
    this.options.onProgress();
  }

  private async loadCheckpoint(): Promise<StoredCheckpoint> {
    const { name } = this.projector;
    await ensureCheckpointRow(this.options.orm.em.fork(), name);
    const checkpoint = await readCheckpoint(this.options.orm.em.fork(), name);
    if (!checkpoint) throw new Error(`The checkpoint of ${name} disappeared while it was being read`);
    return checkpoint;
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const subscription = this.options.store.subscribeToAll({
        fromPosition: this.position,
        ...(this.projector.filter ? { filter: this.projector.filter } : {}),
      });
      const buffer = new EventBuffer(subscription, this.options.maxBatchSize * 2);
      const closeBuffer = () => void buffer.close();
      signal.addEventListener('abort', closeBuffer);
      let outcome: 'ended' | 'checkpoint-moved';
      try {
        outcome = await this.consume(buffer, signal);
      } finally {
        signal.removeEventListener('abort', closeBuffer);
        await buffer.close();
      }
      if (signal.aborted) return;
      if (outcome === 'checkpoint-moved') {
        await this.followStoredCheckpoint(signal);
        continue;
      }
      // The subscription ended or failed under us: resubscribe from the committed checkpoint.
      this.failures += 1;
      const delayMs = retryDelayMs(this.failures, this.options.retry);
      this.options.logger.error(
        { projector: this.projector.name, err: buffer.error?.error, retryInMs: delayMs },
        'Projection subscription ended; resubscribing',
      );
      await waitBeforeRetry(delayMs, signal);
    }
  }

  /** Applies batches until stopped, the subscription ends, or another runner moved the checkpoint. */
  private async consume(buffer: EventBuffer, signal: AbortSignal): Promise<'ended' | 'checkpoint-moved'> {
    let limit = this.options.maxBatchSize;
    while (!signal.aborted) {
      await buffer.available();
      if (signal.aborted) break;
      // Whatever is already here, up to the limit: never wait to fill a batch.
      const batch = buffer.peek(limit);
      if (batch.length === 0) break;
      try {
        await this.applyBatch(batch);
      } catch (error) {
        if (error instanceof CheckpointMovedError) return 'checkpoint-moved';
        const failedAt = error instanceof EventApplyError ? error.index : 0;
        if (failedAt > 0) {
          // Commit the events before the faulty one right away; the faulty one then retries on its own.
          limit = failedAt;
          continue;
        }
        this.failures += 1;
        const parked = error instanceof EventApplyError ? await this.parkIfPersistent(error) : 'retry';
        if (parked === 'checkpoint-moved') return 'checkpoint-moved';
        if (parked === 'parked') {
          buffer.drop(1);
          limit = this.options.maxBatchSize;
          continue;
        }
        const delayMs = retryDelayMs(this.failures, this.options.retry);
        this.logFailure(error, batch, delayMs);
        limit = this.options.maxBatchSize;
        await waitBeforeRetry(delayMs, signal);
        continue;
      }
      buffer.drop(batch.length);
      this.position = batch[batch.length - 1]!.position;
      this.failures = 0;
      limit = this.options.maxBatchSize;
      this.options.onProgress();
    }
    return 'ended';
  }

  /**
   * Another runner advanced this projector: continue after its checkpoint. A checkpoint of another
   * version (two versions running side by side) is not ours to follow: back off and look again.
   */
  private async followStoredCheckpoint(signal: AbortSignal): Promise<void> {
    const { name, version } = this.projector;
    const stored = await readCheckpoint(this.options.orm.em.fork(), name);
    if (stored && stored.version === version) {
      this.options.logger.warn(
        { projector: name, position: stored.position === 'start' ? 'start' : positionToString(stored.position) },
        'Projection checkpoint was moved by another runner; continuing from it',
      );
      this.position = stored.position;
      this.options.onProgress();
      return;
    }
    this.failures += 1;
    const delayMs = retryDelayMs(this.failures, this.options.retry);
    this.options.logger.error(
      { projector: name, version, storedVersion: stored?.version ?? null, retryInMs: delayMs },
      'Projection checkpoint belongs to another version of this projector; waiting',
    );
    await waitBeforeRetry(delayMs, signal);
  }

  /**
   * Parks the event when it kept failing while the read-model database answers (a persistent fault of
   * the event, not an outage) and moves the checkpoint past it, in one transaction.
   */
  private async parkIfPersistent(failure: EventApplyError): Promise<'parked' | 'retry' | 'checkpoint-moved'> {
    if (this.failures < this.options.retry.parkAfterAttempts) return 'retry';
    if (!(await this.databaseAnswers())) return 'retry';
    const { projector } = this;
    const { event } = failure;
    try {
      await this.options.orm.em.fork().transactional(async (em) => {
        if (!(await claimCheckpoint(em, projector.name, { version: projector.version, position: this.position }))) {
          throw new CheckpointMovedError(projector.name);
        }
        await parkEvent(em, projector.name, event, failure, this.failures);
        await writeCheckpoint(em, projector.name, projector.version, event.position);
      });
    } catch (error) {
      return error instanceof CheckpointMovedError ? 'checkpoint-moved' : 'retry';
    }
    this.options.logger.error(
      {
        projector: projector.name,
        event: { id: event.id, type: event.type, streamName: event.streamName, revision: event.revision },
        position: positionToString(event.position),
        attempts: this.failures,
        err: failure.cause,
      },
      'Projection parked an event it cannot apply; continuing with the next one',
    );
    this.position = event.position;
    this.failures = 0;
    this.options.onProgress();
    return 'parked';
  }

  private async databaseAnswers(): Promise<boolean> {
    try {
      await pingReadModels(this.options.orm);
      return true;
    } catch {
      return false;
    }
  }

  private async applyBatch(batch: RecordedEvent[]): Promise<void> {
    const { projector } = this;
    const last = batch[batch.length - 1]!;
    await this.options.orm.em.fork().transactional(async (em) => {
      if (!(await claimCheckpoint(em, projector.name, { version: projector.version, position: this.position }))) {
        throw new CheckpointMovedError(projector.name);
      }
      for (const [index, event] of batch.entries()) {
        try {
          await projector.apply(event, em);
          await em.flush();
        } catch (error) {
          throw new EventApplyError(index, event, error);
        }
      }
      await writeCheckpoint(em, projector.name, projector.version, last.position);
    });
  }

  private logFailure(error: unknown, batch: RecordedEvent[], retryInMs: number): void {
    const event = error instanceof EventApplyError ? error.event : batch[0]!;
    this.options.logger.error(
      {
        projector: this.projector.name,
        event: {
          id: event.id,
          type: event.type,
          streamName: event.streamName,
          revision: event.revision,
          position: positionToString(event.position),
        },
        attempt: this.failures,
        retryInMs,
        err: error instanceof EventApplyError ? error.cause : error,
      },
      'Projection failed; the event will be retried',
    );
  }
}
