import type { Logger } from '../../../platform/logging/create-logger';
import type { PurgeOutcome } from './recording-purger';

export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Runs the purge at start and then every hour, one pass at a time in this process (instances
 * running it side by side are safe: see purgeExpiredRecordings). `stop` waits for a pass in flight.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PurgeOutcome | null> | null = null;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<PurgeOutcome>,
    private readonly logger: Pick<Logger, 'error'>,
    private readonly intervalMs = RETENTION_INTERVAL_MS,
  ) {}

  /** Starts the schedule; the returned promise is the first pass (not awaited at start-up). */
  start(): Promise<PurgeOutcome | null> {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    // The schedule alone never keeps the process alive.
    this.timer.unref();
    return this.runOnce();
  }

  /** One pass now, unless one is already running (then that one). */
  runOnce(): Promise<PurgeOutcome | null> {
    if (this.stopped) return Promise.resolve(null);
    this.running ??= this.pass()
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'recording retention pass failed; the next one retries');
        return null;
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
