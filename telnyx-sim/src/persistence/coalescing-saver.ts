/**
 * Saves after changes without writing once per change: changes made while a save is waiting or
 * running are picked up by the next save, and there is never more than one save at a time.
 */
export interface CoalescingSaverOptions {
  /** Writes the state as it is when called. */
  save: () => Promise<void>;
  /** How long a change waits for others to join it. */
  delayMs: number;
  /** A save in the background failed; the changes stay pending for the next save. */
  onError: (error: unknown) => void;
}

export class CoalescingSaver {
  private pending = false;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;

  constructor(private readonly options: CoalescingSaverOptions) {}

  /** Something changed: save soon. */
  schedule(): void {
    this.pending = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain().catch(this.options.onError);
    }, this.options.delayMs);
    // A waiting save must not keep the process alive; close() flushes it.
    this.timer.unref();
  }

  /** Saves whatever is pending now and resolves once it is on disk; rejects when that save fails. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.drain();
  }

  private async drain(): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined);
    if (!this.pending) return;
    this.pending = false;
    this.writing = this.options
      .save()
      .catch((error: unknown) => {
        this.pending = true;
        throw error;
      })
      .finally(() => {
        this.writing = undefined;
      });
    await this.writing;
  }
}
