import type { MikroORM } from '@mikro-orm/core';
import type { EventStore } from '@curbe-voice/event-store';
import { ProjectionRunner, type Projector } from '@curbe-voice/projections';
import type { ProjectionsMode } from '../config/config';
import type { Logger } from '../logging/create-logger';
import { CheckpointGatedFeed } from '../live-updates/checkpoint-gated-feed';
import { announced, type LiveReadModel } from '../live-updates/live-read-model';
import type { LiveUpdateHub } from '../live-updates/live-update-hub';
import type { ProjectionProgress } from '../projection-progress/projection-progress';
import { StoredCheckpointProgress } from '../projection-progress/stored-checkpoint-progress';

export interface RunningProjections extends ProjectionProgress {
  stop(): Promise<void>;
}

/**
 * `in-process`: this backend runs every projector (live updates come from its own ORM commits).
 * `external`: the projections worker runs them; this backend only watches their checkpoints, for
 * `waitFor` and to announce committed rows to its browsers.
 */
export async function startProjections(options: {
  mode: ProjectionsMode;
  store: EventStore;
  orm: MikroORM;
  projectors: Projector[];
  /** Where committed rows are announced, and which read models are. */
  liveUpdates: LiveUpdateHub;
  liveReadModels: LiveReadModel[];
  logger: Logger;
}): Promise<RunningProjections> {
  const { mode, store, orm, projectors, logger } = options;
  if (mode === 'in-process') {
    const runner = new ProjectionRunner({ store, orm, projectors, logger: logger.child({ component: 'projections' }) });
    await runner.start();
    return runner;
  }
  const progress = new StoredCheckpointProgress({ store, orm, projectors });
  const names = new Set(projectors.map((projector) => projector.name));
  const feed = new CheckpointGatedFeed({
    store,
    orm,
    hub: options.liveUpdates,
    readModels: options.liveReadModels.filter((model) => names.has(model.projector.name)).map(announced),
    logger: logger.child({ component: 'live-updates' }),
  });
  await feed.start();
  logger.info('Projections run in the separate projections worker (PROJECTIONS=external)');
  return { waitFor: (position, timeoutMs) => progress.waitFor(position, timeoutMs), stop: () => feed.stop() };
}
