import type { Logger } from '../../../platform/logging/create-logger';
import { PeriodicJob } from '../../../platform/timing/periodic-job';
import type { PurgeOutcome } from './recording-purger';

export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/** The purge at start and then every hour (instances running it side by side are safe: see purgeExpiredRecordings). */
export class RetentionJob extends PeriodicJob<PurgeOutcome> {
  constructor(pass: () => Promise<PurgeOutcome>, logger: Pick<Logger, 'error'>, intervalMs = RETENTION_INTERVAL_MS) {
    super('recording retention', pass, logger, intervalMs);
  }
}
