import { accountStreamName, type AccountEventData } from '@curbe-voice/contracts';
import type { EventStore } from '@curbe-voice/event-store';

const CACHE_MS = 30_000;

export interface OutboundSetup {
  /** ISO countries the account may call; null when it has no outbound voice profile yet. */
  countries: string[] | null;
  /** The credential connection the account's web phones place their calls on. */
  credentialConnectionId: string | null;
}

/**
 * The countries an account may call: the `whitelisted_destinations` of the outbound voice profile its
 * activation created (Telnyx enforces the same list; we refuse earlier, with a reason the agent hears).
 */
export class CallingPolicy {
  private readonly cache = new Map<string, { setup: OutboundSetup; until: number }>();

  constructor(
    private readonly store: EventStore,
    private readonly now: () => number = Date.now,
  ) {}

  async outboundSetup(accountId: string): Promise<OutboundSetup> {
    const cached = this.cache.get(accountId);
    if (cached && cached.until > this.now()) return cached.setup;
    const events = await this.store.readStream(accountStreamName(accountId));
    const profile = events.findLast((event) => event.type === 'OutboundVoiceProfileCreated');
    const connection = events.findLast((event) => event.type === 'CredentialConnectionCreated');
    const setup: OutboundSetup = {
      countries: profile
        ? (profile.data as AccountEventData<'OutboundVoiceProfileCreated'>).whitelistedDestinations
        : null,
      credentialConnectionId: connection
        ? (connection.data as AccountEventData<'CredentialConnectionCreated'>).credentialConnectionId
        : null,
    };
    this.cache.set(accountId, { setup, until: this.now() + CACHE_MS });
    return setup;
  }
}
