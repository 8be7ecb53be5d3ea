import type { EntityManager, EntitySchema } from '@mikro-orm/core';
import type { AllPosition } from '@curbe-voice/event-store';
import { positionFromString, positionToString } from '@curbe-voice/event-store';
import { ProjectionCheckpointEntity } from './projection-checkpoint.entity';

export interface StoredCheckpoint {
  version: number;
  position: AllPosition | 'start';
}

/** Version of a checkpoint row created before any projector version has built the tables. */
export const UNBUILT_VERSION = -1;

/**
 * Makes sure the projector has a checkpoint row, so every later change to it can be fenced by a row
 * lock (see `claimCheckpoint`). A new row claims no version: its tables are cleared before use.
 */
export async function ensureCheckpointRow(em: EntityManager, projectorName: string): Promise<void> {
  await em.upsert(
    ProjectionCheckpointEntity,
    { projectorName, version: UNBUILT_VERSION, position: null, updatedAt: new Date() },
    { onConflictAction: 'ignore' },
  );
}

export async function readCheckpoint(em: EntityManager, projectorName: string): Promise<StoredCheckpoint | null> {
  const row = await em.findOne(ProjectionCheckpointEntity, { projectorName }, { disableIdentityMap: true });
  if (!row) return null;
  return { version: row.version, position: row.position === null ? 'start' : positionFromString(row.position) };
}

/**
 * First statement of every transaction that changes a projector's rows: succeeds only if the stored
 * checkpoint is still `expected`, and locks it until commit. Another runner feeding the same projector
 * (a second process, a rolling deploy) therefore can never apply the same events twice or interleave
 * with a rebuild: it finds the checkpoint moved and re-reads it.
 */
export async function claimCheckpoint(
  em: EntityManager,
  projectorName: string,
  expected: StoredCheckpoint,
): Promise<boolean> {
  const updated = await em.nativeUpdate(
    ProjectionCheckpointEntity,
    {
      projectorName,
      version: expected.version,
      position: expected.position === 'start' ? null : positionToString(expected.position),
    },
    { updatedAt: new Date() },
  );
  return updated === 1;
}

/** Call inside the claimed transaction that wrote the rows up to `position`. */
export async function writeCheckpoint(
  em: EntityManager,
  projectorName: string,
  version: number,
  position: AllPosition | 'start',
): Promise<void> {
  await em.nativeUpdate(
    ProjectionCheckpointEntity,
    { projectorName },
    { version, position: position === 'start' ? null : positionToString(position), updatedAt: new Date() },
  );
}

/**
 * Empties a projector's tables and points its checkpoint at the start for `version`, atomically, if the
 * checkpoint is still `expected`; false when someone else changed it first. Tables are emptied in
 * reverse declaration order so rows referencing earlier entities go first.
 */
export async function resetProjection(
  em: EntityManager,
  projectorName: string,
  version: number,
  entities: readonly EntitySchema[],
  expected: StoredCheckpoint,
): Promise<boolean> {
  return em.transactional(async (tx) => {
    if (!(await claimCheckpoint(tx, projectorName, expected))) return false;
    for (const entity of [...entities].reverse()) await tx.nativeDelete(entity, {});
    await writeCheckpoint(tx, projectorName, version, 'start');
    return true;
  });
}
