import type { MikroORM } from '@mikro-orm/core';
import { Gauge } from 'prom-client';
import { positionFromString, type AllPosition, type EventStore } from '@curbe-voice/event-store';
import { ProjectionCheckpointEntity, type Projector } from '@curbe-voice/projections';
import type { Metrics } from './metrics';

/** Counting stops here: beyond it the projector is simply far behind (the seconds still say how far). */
export const LAG_COUNT_LIMIT = 1000;

export interface ProjectionLag {
  projector: string;
  /** Events of the projector's filter after its checkpoint, up to LAG_COUNT_LIMIT. */
  events: number;
  /** Age of the oldest of them; 0 when caught up. */
  seconds: number;
}

/**
 * How far each projector is behind the store's head. The checkpoint is read from the read-model
 * database (committed with the rows), so this holds whether the projectors run in this process or
 * in the projections worker; a checkpoint of another version counts as nothing applied.
 */
export async function measureProjectionLag(
  deps: { store: EventStore; orm: MikroORM; projectors: readonly Projector[] },
  now = Date.now(),
): Promise<ProjectionLag[]> {
  const rows = await deps.orm.em
    .fork()
    .find(
      ProjectionCheckpointEntity,
      { projectorName: { $in: deps.projectors.map((p) => p.name) } },
      { disableIdentityMap: true },
    );
  const byName = new Map(rows.map((row) => [row.projectorName, row]));
  const lag: ProjectionLag[] = [];
  for (const projector of deps.projectors) {
    const row = byName.get(projector.name);
    const position: AllPosition | 'start' =
      row && row.version === projector.version && row.position !== null ? positionFromString(row.position) : 'start';
    const behind = await deps.store.readAll({
      fromPosition: position,
      maxCount: LAG_COUNT_LIMIT,
      ...(projector.filter ? { filter: projector.filter } : {}),
    });
    const oldest = behind[0]?.recordedAt.getTime();
    lag.push({
      projector: projector.name,
      events: behind.length,
      seconds: oldest === undefined ? 0 : Math.max(0, (now - oldest) / 1000),
    });
  }
  return lag;
}

/** Registers the lag gauges; they are measured when Prometheus scrapes (once for both gauges). */
export function registerProjectionLag(
  metrics: Pick<Metrics, 'registry'>,
  deps: { store: EventStore; orm: MikroORM; projectors: readonly Projector[] },
): void {
  let pending: Promise<ProjectionLag[]> | null = null;
  const measure = () => (pending ??= measureProjectionLag(deps).finally(() => setImmediate(() => (pending = null))));

  new Gauge({
    name: 'curbe_projection_lag_events',
    help: `Events a projector has not applied yet (counted up to ${LAG_COUNT_LIMIT})`,
    labelNames: ['projector'],
    registers: [metrics.registry],
    async collect() {
      for (const { projector, events } of await measure()) this.set({ projector }, events);
    },
  });
  new Gauge({
    name: 'curbe_projection_lag_seconds',
    help: 'Age of the oldest event a projector has not applied yet (0 when caught up)',
    labelNames: ['projector'],
    registers: [metrics.registry],
    async collect() {
      for (const { projector, seconds } of await measure()) this.set({ projector }, seconds);
    },
  });
}
