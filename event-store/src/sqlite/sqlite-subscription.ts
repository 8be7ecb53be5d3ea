import type { AllSubscription, EventFilter, RecordedEvent } from '../port';
import type { HeadWatcher } from './head-watcher';

/** What a subscription needs from the store: the head of `$all` and filtered pages of it. */
export interface AllPageSource {
  readHead(): number;
  /** Events with `after < position <= upTo` passing the filter, in order, at most `limit`. */
  readPage(after: number, upTo: number, limit: number, filter: EventFilter | undefined): RecordedEvent[];
}

const PAGE_SIZE = 512;

/**
 * Catch-up and live delivery are the same loop: read the next page after the last position handed
 * out, and when there is none, sleep until the head moves. Because SQLite commits in position order
 * there is no switch-over moment at which an event could be missed or delivered twice.
 */
export class SqliteAllSubscription implements AllSubscription {
  #after: number;
  #stopped = false;
  #iterated = false;
  #cancelWait: (() => void) | undefined;

  constructor(
    private readonly source: AllPageSource,
    private readonly watcher: HeadWatcher,
    after: number,
    private readonly filter: EventFilter | undefined,
    private readonly onEnd: (subscription: SqliteAllSubscription) => void,
  ) {
    this.#after = after;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.#iterated) throw new Error('A subscription can be iterated only once; subscribe again instead');
    this.#iterated = true;
    return this.#deliver();
  }

  async unsubscribe(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#cancelWait?.();
    this.onEnd(this);
  }

  async *#deliver(): AsyncGenerator<RecordedEvent> {
    try {
      // The head as last told by the watcher; read here only at the start or when the watcher cannot tell.
      let head: number | undefined;
      while (!this.#stopped) {
        head ??= this.source.readHead();
        if (head > this.#after) {
          const page = this.source.readPage(this.#after, head, PAGE_SIZE, this.filter);
          // A short page means everything up to the head was scanned, matching or not.
          this.#after = page.length < PAGE_SIZE ? head : Number(page[page.length - 1]!.position.commit);
          for (const event of page) {
            if (this.#stopped) return;
            yield event;
          }
          continue;
        }
        const { changed, cancel } = this.watcher.waitBeyond(head);
        this.#cancelWait = cancel;
        head = await changed;
        this.#cancelWait = undefined;
      }
    } finally {
      await this.unsubscribe();
    }
  }
}
