import { EntitySchema } from '@mikro-orm/core';

/**
 * How far one projector has applied `$all`. Written in the same transaction as the projector's rows,
 * so the read model and its checkpoint can never disagree.
 */
export interface ProjectionCheckpoint {
  projectorName: string;
  /** The projector version that built the rows; a different version means "rebuild" (-1: none yet). */
  version: number;
  /** Last applied `$all` position (`positionToString`), or null when nothing has been applied yet. */
  position: string | null;
  updatedAt: Date;
}

export const ProjectionCheckpointEntity = new EntitySchema<ProjectionCheckpoint>({
  name: 'ProjectionCheckpoint',
  tableName: 'projection_checkpoint',
  properties: {
    projectorName: { type: 'string', length: 200, primary: true },
    version: { type: 'integer' },
    position: { type: 'text', nullable: true },
    updatedAt: { type: 'datetime' },
  },
});
