import type { AllSubscription, RecordedEvent } from '@curbe-voice/event-store';

/**
 * Pulls a subscription into memory ahead of the consumer, so the consumer can see which events are
 * already available and batch them, without ever waiting for more. Pulling pauses at `capacity`.
 * Events leave the buffer only when the consumer has committed them (`drop`).
 */
export class EventBuffer {
  private readonly events: RecordedEvent[] = [];
  private ended = false;
  private closed = false;
  private failure: { error: unknown } | null = null;
  private wakeConsumer: (() => void) | null = null;
  private wakeProducer: (() => void) | null = null;
  private readonly pumping: Promise<void>;

  constructor(
    private readonly subscription: AllSubscription,
    private readonly capacity: number,
  ) {
    this.pumping = this.pump();
  }

  /** The subscription failed; the consumer should resubscribe from its checkpoint. */
  get error(): { error: unknown } | null {
    return this.failure;
  }

  /**
   * Resolves as soon as there is something to look at: events, the end, or closing. After waiting for
   * the first event it lets the subscription hand over the rest of what it has already read (one turn of
   * the event loop), so a burst of appends becomes one batch rather than its first event and the rest.
   */
  async available(): Promise<void> {
    if (this.events.length > 0 || this.ended || this.closed) return;
    while (this.events.length === 0 && !this.ended && !this.closed) {
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  peek(maxCount: number): RecordedEvent[] {
    return this.events.slice(0, maxCount);
  }

  drop(count: number): void {
    this.events.splice(0, count);
    const wake = this.wakeProducer;
    this.wakeProducer = null;
    wake?.();
  }

  /** Stops pulling and wakes a pending `available()`; idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    this.notifyConsumer();
    const wake = this.wakeProducer;
    this.wakeProducer = null;
    wake?.();
    await this.subscription.unsubscribe();
    await this.pumping;
  }

  private async pump(): Promise<void> {
    try {
      for await (const event of this.subscription) {
        if (this.closed) break;
        this.events.push(event);
        this.notifyConsumer();
        while (this.events.length >= this.capacity && !this.closed) {
          await new Promise<void>((resolve) => (this.wakeProducer = resolve));
        }
        if (this.closed) break;
      }
    } catch (error) {
      if (!this.closed) this.failure = { error };
    } finally {
      this.ended = true;
      this.notifyConsumer();
    }
  }

  private notifyConsumer(): void {
    const wake = this.wakeConsumer;
    this.wakeConsumer = null;
    wake?.();
  }
}
