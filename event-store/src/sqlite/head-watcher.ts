/**
 * Wakes live subscriptions when the head of `$all` may have moved: after appends made through this
 * store instance, and by a slow poll of the head for appends made by other connections (another
 * process using the same file). The poll runs only while some subscription is waiting.
 *
 * The head is read once per wake-up and handed to every subscription it wakes, not read again by each
 * of them; appends made in the same turn of the event loop share one wake-up, so a burst of appends
 * reaches each subscription as one page instead of one page per append.
 */
export class HeadWatcher {
  /** Each waiting subscription's wake function and the head it had already read up to. */
  readonly #waiters = new Map<(head: number | undefined) => void, number>();
  /** The highest position known to be committed: from this instance's appends and from polls. */
  #knownHead = 0;
  #timer: NodeJS.Timeout | undefined;
  #pendingWake: NodeJS.Immediate | undefined;

  constructor(
    private readonly readHead: () => number,
    private readonly pollIntervalMs: number,
  ) {}

  /**
   * `changed` resolves once the head is (or may be) beyond `seenHead`, with the head when known, or
   * with undefined when `cancel()` is called or the subscription must read the head itself.
   */
  waitBeyond(seenHead: number): { changed: Promise<number | undefined>; cancel: () => void } {
    if (this.#knownHead > seenHead) return { changed: Promise.resolve(this.#knownHead), cancel: () => {} };
    let resolve!: (head: number | undefined) => void;
    const changed = new Promise<number | undefined>((done) => (resolve = done));
    const wake = (head: number | undefined): void => {
      if (!this.#waiters.delete(wake)) return;
      if (this.#waiters.size === 0) this.#stopPolling();
      resolve(head);
    };
    this.#waiters.set(wake, seenHead);
    this.#timer ??= setInterval(this.#poll, this.pollIntervalMs);
    return { changed, cancel: () => wake(undefined) };
  }

  /** Called after this instance committed an append ending at `position`. */
  appended(position: number): void {
    if (position > this.#knownHead) this.#knownHead = position;
    // A subscription that starts waiting later sees the new head in `waitBeyond` instead.
    if (this.#waiters.size === 0) return;
    this.#pendingWake ??= setImmediate(() => {
      this.#pendingWake = undefined;
      this.#wakeBehind(this.#knownHead);
    });
  }

  close(): void {
    clearImmediate(this.#pendingWake);
    this.#pendingWake = undefined;
    for (const wake of [...this.#waiters.keys()]) wake(undefined);
    this.#stopPolling();
  }

  readonly #poll = (): void => {
    let head: number;
    try {
      head = this.readHead();
    } catch {
      // Let every subscription read for itself: the error then reaches its consumer.
      for (const wake of [...this.#waiters.keys()]) wake(undefined);
      return;
    }
    if (head > this.#knownHead) this.#knownHead = head;
    this.#wakeBehind(head);
  };

  #wakeBehind(head: number): void {
    for (const [wake, seenHead] of [...this.#waiters]) if (head > seenHead) wake(head);
  }

  #stopPolling(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
