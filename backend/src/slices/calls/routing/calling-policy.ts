import { accountStreamName, type AccountEventData } from '@curbe-voice/contracts';
import type { EventStore } from '@curbe-voice/event-store';

const CACHE_MS = 30_000;

/**
 * The countries an account may call: the `whitelisted_destinations` of the outbound voice profile its
 * activation created (Telnyx enforces the same list; we refuse earlier, with a reason the agent hears).
 */
export class CallingPolicy {
  private readonly cache = new Map<string, { countries: string[] | null; until: number }>();

  constructor(
    private readonly store: EventStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Null when the account has no outbound voice profile yet. */
  async allowedCountries(accountId: string): Promise<string[] | null> {
    const cached = this.cache.get(accountId);
    if (cached && cached.until > this.now()) return cached.countries;
    const events = await this.store.readStream(accountStreamName(accountId));
    const profile = events.findLast((event) => event.type === 'OutboundVoiceProfileCreated');
    const countries = profile
      ? (profile.data as AccountEventData<'OutboundVoiceProfileCreated'>).whitelistedDestinations
      : null;
    this.cache.set(accountId, { countries, until: this.now() + CACHE_MS });
    return countries;
  }
}
