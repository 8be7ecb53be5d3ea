import type { MikroORM } from '@mikro-orm/core';
import type { AllPosition, EventStore } from '@curbe-voice/event-store';
import { comparePositions, positionToString } from '@curbe-voice/event-store';
import { consoleLogger, type ProjectionLogger } from './logger';
import type { Projector } from './projector';
import { ProjectorWorker } from './projector-worker';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';

export interface ProjectionRunnerOptions {
  store: EventStore;
  orm: MikroORM;
  projectors: Projector[];
  logger?: ProjectionLogger;
  /** Most events applied in one read-model transaction during catch-up. */
  maxBatchSize?: number;
  /** Backoff between retries of a failing event. */
  retry?: Partial<RetryPolicy>;
}

const DEFAULT_WAIT_TIMEOUT_MS = 10_000;

/**
 * Keeps the read models up to date with the event store.
 *
 * Each projector gets its own subscription to `$all`, from its own checkpoint, with its filter pushed
 * down to the store. That is simpler than sharing one subscription from the lowest checkpoint and it
 * stays correct under failure: a projector that is retrying or rebuilding never holds the others back,
 * and the others never have to skip events they already applied.
 */
export class ProjectionRunner {
  private readonly workers = new Map<string, ProjectorWorker>();
  private readonly store: EventStore;
  private readonly orm: MikroORM;
  private started = false;
  private progressTick = 0;
  private readonly progressWaiters = new Set<() => void>();

  constructor(options: ProjectionRunnerOptions) {
    this.store = options.store;
    this.orm = options.orm;
    const maxBatchSize = options.maxBatchSize ?? 200;
    if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) {
      throw new Error(`maxBatchSize must be a positive integer, got ${maxBatchSize}`);
    }
    const workerOptions = {
      store: options.store,
      orm: options.orm,
      logger: options.logger ?? consoleLogger,
      maxBatchSize,
      retry: { ...defaultRetryPolicy, ...options.retry },
      onProgress: () => this.notifyProgress(),
    };
    for (const projector of options.projectors) {
      if (this.workers.has(projector.name)) throw new Error(`Two projectors are named ${projector.name}`);
      if (!Number.isInteger(projector.version) || projector.version < 0) {
        throw new Error(`Projector ${projector.name} needs a non-negative integer version, got ${projector.version}`);
      }
      this.workers.set(projector.name, new ProjectorWorker(projector, workerOptions));
    }
  }

  /** Rebuilds projectors whose version changed, then catches up and follows live events. */
  async start(): Promise<void> {
    if (this.started) return;
    this.assertEntitiesRegistered();
    this.started = true;
    try {
      await Promise.all([...this.workers.values()].map((worker) => worker.start()));
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Lets each projector finish the transaction it is in, then stops. */
  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
    this.notifyProgress();
  }

  /**
   * Empties the projector's tables and checkpoint and replays it from the start. Resolves once the replay
   * has begun (when the runner is running; otherwise it happens on `start`); use `waitFor` to await it.
   */
  async rebuild(projectorName: string): Promise<void> {
    const worker = this.workers.get(projectorName);
    if (!worker) throw new Error(`No projector named ${projectorName}`);
    await worker.stop();
    await worker.reset();
    if (this.started) await worker.start();
  }

  /**
   * Resolves once every projector has applied everything up to `position` that concerns it (a projector
   * whose filter matches nothing in between counts as caught up). Rejects after `timeoutMs`.
   */
  async waitFor(position: AllPosition, timeoutMs = DEFAULT_WAIT_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.started) throw new Error('The projection runner is not running');
      const tick = this.progressTick;
      const lagging = await this.laggingProjectors(position);
      if (lagging.length === 0) return;
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0 || !(await this.progressSince(tick, remainingMs))) {
        throw new Error(
          `Projections ${lagging.join(', ')} did not reach ${positionToString(position)} within ${timeoutMs} ms`,
        );
      }
    }
  }

  private async laggingProjectors(target: AllPosition): Promise<string[]> {
    const lagging: string[] = [];
    for (const worker of this.workers.values()) {
      const applied = worker.appliedPosition;
      if (applied !== 'start' && comparePositions(applied, target) >= 0) continue;
      // Behind the target by position, but maybe nothing in between is for this projector.
      const filter = worker.projector.filter;
      const [next] = await this.store.readAll({ fromPosition: applied, maxCount: 1, ...(filter ? { filter } : {}) });
      if (next && comparePositions(next.position, target) <= 0) lagging.push(worker.projector.name);
    }
    return lagging;
  }

  /** True when some projector made progress after `tick` (possibly already), false on timeout. */
  private progressSince(tick: number, timeoutMs: number): Promise<boolean> {
    if (this.progressTick !== tick) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onProgress = () => {
        clearTimeout(timer);
        this.progressWaiters.delete(onProgress);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.progressWaiters.delete(onProgress);
        resolve(false);
      }, timeoutMs);
      this.progressWaiters.add(onProgress);
    });
  }

  private notifyProgress(): void {
    this.progressTick += 1;
    for (const waiter of [...this.progressWaiters]) waiter();
  }

  private assertEntitiesRegistered(): void {
    const metadata = this.orm.getMetadata();
    for (const worker of this.workers.values()) {
      for (const entity of worker.projector.entities) {
        if (!metadata.has(entity.meta.className)) {
          throw new Error(
            `Projector ${worker.projector.name} uses entity ${entity.meta.className}, which is not registered ` +
              'with the read-model ORM: pass it to createReadModelOrm',
          );
        }
      }
    }
  }
}
