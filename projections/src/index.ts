export type { Projector } from './runner/projector';
export type { ProjectionLogger } from './runner/logger';
export type { RetryPolicy } from './runner/retry-delay';
export { ProjectionRunner, type ProjectionRunnerOptions } from './runner/projection-runner';
export { createReadModelOrm, type ReadModelOrmOptions } from './orm/create-read-model-orm';
export { pingReadModels } from './orm/ping-read-models';
export { ProjectionCheckpointEntity, type ProjectionCheckpoint } from './checkpoints/projection-checkpoint.entity';
