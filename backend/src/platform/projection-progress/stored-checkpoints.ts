import type { MikroORM } from '@mikro-orm/core';
import { positionFromString, type AllPosition } from '@curbe-voice/event-store';
import { ProjectionCheckpointEntity, type Projector } from '@curbe-voice/projections';

/** How far a projector's committed rows reach: 'start' when nothing of its current version is committed yet. */
export type ReachedPosition = AllPosition | 'start';

/**
 * Reads the checkpoints another process (the projections worker) commits with the rows. A checkpoint
 * of another version than the projector's (a rebuild not started yet) counts as nothing applied.
 */
export async function readReachedPositions(
  orm: MikroORM,
  projectors: readonly Projector[],
): Promise<Map<string, ReachedPosition>> {
  const rows = await orm.em
    .fork()
    .find(
      ProjectionCheckpointEntity,
      { projectorName: { $in: projectors.map((projector) => projector.name) } },
      { disableIdentityMap: true },
    );
  const byName = new Map(rows.map((row) => [row.projectorName, row]));
  const reached = new Map<string, ReachedPosition>();
  for (const projector of projectors) {
    const row = byName.get(projector.name);
    reached.set(
      projector.name,
      row && row.version === projector.version && row.position !== null ? positionFromString(row.position) : 'start',
    );
  }
  return reached;
}
