import type { Logger } from '../logging/create-logger';

/**
 * Runs a pass at start and then every `intervalMs`, one pass at a time in this process (each job's
 * pass is safe to run side by side on several instances). A failed pass is logged and the next one
 * retries; `stop` waits for a pass in flight.
 */
export class PeriodicJob<Outcome> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<Outcome | null> | null = null;
  private stopped = false;

  constructor(
    /** What the log calls it, e.g. `recording retention`. */
    private readonly name: string,
    private readonly pass: () => Promise<Outcome>,
    private readonly logger: Pick<Logger, 'error'>,
    private readonly intervalMs: number,
  ) {}

  /**
   * Starts the schedule; the returned promise is the first pass (not awaited at start-up), or null
   * when the first pass waits for the first interval (`firstPassNow: false`).
   */
  start({ firstPassNow = true } = {}): Promise<Outcome | null> {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    // The schedule alone never keeps the process alive.
    this.timer.unref();
    return firstPassNow ? this.runOnce() : Promise.resolve(null);
  }

  /** One pass now, unless one is already running (then that one). */
  runOnce(): Promise<Outcome | null> {
    if (this.stopped) return Promise.resolve(null);
    this.running ??= this.pass()
      .catch((error: unknown) => {
        this.logger.error({ err: error }, `${this.name} pass failed; the next one retries`);
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
