import type { MikroORM } from '@mikro-orm/core';
import { comparePositions, positionToString, type AllPosition, type EventStore } from '@curbe-voice/event-store';
import type { Projector } from '@curbe-voice/projections';
import type { ProjectionProgress } from './projection-progress';
import { readReachedPositions } from './stored-checkpoints';

const DEFAULT_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 25;

/**
 * `waitFor` for a backend whose projections run in another process: it watches the checkpoints in the
 * read-model database. A projector whose filter matches nothing between its checkpoint and the target
 * counts as caught up, as with the in-process runner.
 */
export class StoredCheckpointProgress implements ProjectionProgress {
  constructor(private readonly options: { store: EventStore; orm: MikroORM; projectors: readonly Projector[] }) {}

  async waitFor(position: AllPosition, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lagging = await this.laggingProjectors(position);
      if (lagging.length === 0) return;
      if (Date.now() >= deadline) {
        throw new Error(
          `Projections ${lagging.join(', ')} did not reach ${positionToString(position)} within ${timeoutMs} ms ` +
            '(is the projections worker running?)',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }

  private async laggingProjectors(target: AllPosition): Promise<string[]> {
    const { store, orm, projectors } = this.options;
    const reached = await readReachedPositions(orm, projectors);
    const lagging: string[] = [];
    for (const projector of projectors) {
      const applied = reached.get(projector.name) ?? 'start';
      if (applied !== 'start' && comparePositions(applied, target) >= 0) continue;
      const filter = projector.filter;
      const [next] = await store.readAll({ fromPosition: applied, maxCount: 1, ...(filter ? { filter } : {}) });
      if (next && comparePositions(next.position, target) <= 0) lagging.push(projector.name);
    }
    return lagging;
  }
}
