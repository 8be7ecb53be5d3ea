/**
 * A read-model row that changed, addressed to whoever may see it: the members of `accountId`; of them,
 * agents only when `agentId` is theirs or null (shared with the whole account); auditors always.
 */
export interface LiveUpdate {
  /** The server-sent event's name, e.g. `call`. */
  kind: string;
  accountId: string;
  agentId: string | null;
  /** What the browser receives as the event's data. */
  data: unknown;
}

type Listener = (update: LiveUpdate) => void;

/**
 * In-process fan-out of read-model changes to the connected browsers of this instance. Every instance
 * runs its own projections, so each feeds its own clients; nothing is shared between instances.
 */
export class LiveUpdateHub {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(update: LiveUpdate): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(update);
      } catch {
        // one broken connection must not keep the others from their updates
      }
    }
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}
