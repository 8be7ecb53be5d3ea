import type { AccountEventData } from '@curbe-voice/contracts';
import type { AllPosition, EventStore } from '@curbe-voice/event-store';

/** How long a lookup trusts what it read before it catches up with the store again. */
const FRESH_FOR_MS = 1000;

export interface AccountWebhookKeys {
  accountId: string;
  /** The keys the agency entered for its Telnyx account (none until an admin enters one). */
  publicKeys: string[];
}

/**
 * Telnyx account id → our account and the webhook public keys it holds, for verifying webhooks. Kept in
 * memory and caught up with the store incrementally (only registrations and key changes are read), at
 * most once a second, or at once when the caller asks because what it knows did not match.
 */
export class WebhookKeyDirectory {
  private readonly byTelnyxAccount = new Map<string, AccountWebhookKeys>();
  private readonly telnyxAccountOf = new Map<string, string>();
  private position: AllPosition | 'start' = 'start';
  private caughtUpAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** The account behind `telnyxAccountId`, or undefined when no agency has that Telnyx account. */
  async lookup(telnyxAccountId: string, options: { fresh?: boolean } = {}): Promise<AccountWebhookKeys | undefined> {
    // Catch-ups are shared: however many requests ask at once, the store is read once (only what is new).
    if (options.fresh || this.now() - this.caughtUpAt > FRESH_FOR_MS) await this.catchUp();
    return this.byTelnyxAccount.get(telnyxAccountId);
  }

  /** The next lookup reads the store first (something changed that it must see). */
  invalidate(): void {
    this.caughtUpAt = Number.NEGATIVE_INFINITY;
  }

  private catchUp(): Promise<void> {
    this.inFlight ??= this.readNewEvents().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async readNewEvents(): Promise<void> {
    const startedAt = this.now();
    const events = await this.store.readAll({
      fromPosition: this.position,
      filter: { eventTypePrefixes: ['AccountRegistered', 'WebhookPublicKey'] },
    });
    for (const event of events) {
      this.apply(event.type, event.data);
      this.position = event.position;
    }
    this.caughtUpAt = startedAt;
  }

  private apply(type: string, data: unknown): void {
    if (type === 'AccountRegistered') {
      const { accountId, telnyxAccountId } = data as AccountEventData<'AccountRegistered'>;
      this.telnyxAccountOf.set(accountId, telnyxAccountId);
      this.byTelnyxAccount.set(telnyxAccountId, { accountId, publicKeys: [] });
      return;
    }
    if (type !== 'WebhookPublicKeyAdded' && type !== 'WebhookPublicKeyRetired') return;
    const { accountId, publicKey } = data as AccountEventData<'WebhookPublicKeyAdded'>;
    const telnyxAccountId = this.telnyxAccountOf.get(accountId);
    const entry = telnyxAccountId === undefined ? undefined : this.byTelnyxAccount.get(telnyxAccountId);
    if (!entry) return;
    const others = entry.publicKeys.filter((key) => key !== publicKey);
    entry.publicKeys = type === 'WebhookPublicKeyAdded' ? [...others, publicKey] : others;
  }
}
