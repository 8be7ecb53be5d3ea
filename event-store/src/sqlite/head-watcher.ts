/**
 * Wakes live subscriptions when the head of `$all` may have moved: at once for appends made through
 * this store instance, and by a slow poll of the head for appends made by other connections (another
 * process using the same file). The poll runs only while some subscription is waiting.
 */
export class HeadWatcher {
  /** Each waiting subscription's wake function and the head it had already read up to. */
  readonly #waiters = new Map<() => void, number>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly readHead: () => number,
    private readonly pollIntervalMs: number,
  ) {}

  /** `changed` resolves once the head may be beyond `seenHead`, or when `cancel()` is called. */
  waitBeyond(seenHead: number): { changed: Promise<void>; cancel: () => void } {
    let resolve!: () => void;
    const changed = new Promise<void>((done) => (resolve = done));
    const wake = (): void => {
      this.#waiters.delete(wake);
      if (this.#waiters.size === 0) this.#stopPolling();
      resolve();
    };
    this.#waiters.set(wake, seenHead);
    this.#timer ??= setInterval(this.#poll, this.pollIntervalMs);
    return { changed, cancel: wake };
  }

  /** Called after this instance committed an append. */
  appended(): void {
    for (const wake of [...this.#waiters.keys()]) wake();
  }

  close(): void {
    this.appended();
    this.#stopPolling();
  }

  readonly #poll = (): void => {
    let head: number;
    try {
      head = this.readHead();
    } catch {
      // Let every subscription read for itself: the error then reaches its consumer.
      this.appended();
      return;
    }
    for (const [wake, seenHead] of [...this.#waiters]) if (head > seenHead) wake();
  };

  #stopPolling(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
