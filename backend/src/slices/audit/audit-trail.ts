import type { AccountVerification, AuditEntry } from '@curbe-voice/contracts/api/audit';
import { positionToString, verifyStreamChain, type EventStore, type RecordedEvent } from '@curbe-voice/event-store';
import { loadAccountHistory } from './account-history';
import { foldAccountSetup, type AccountSetup } from './account-setup';
import { redactEventData } from './redact-event-data';

/** The trail's answers are the audit API's (see contracts). */
export type { AccountVerification, AuditEntry };

export interface AccountSetupAt {
  accountId: string;
  at: string;
  /** How many of the account's events happened at or before `at`. */
  eventsApplied: number;
  /** Null when the account did not exist yet at `at`. */
  setup: AccountSetup | null;
}

export class AccountNotFound extends Error {
  override readonly name = 'AccountNotFound';
  constructor(readonly accountId: string) {
    super(`No account ${accountId}`);
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function toAuditEntry(event: RecordedEvent): AuditEntry {
  const { metadata } = event;
  return {
    position: positionToString(event.position),
    stream: event.streamName,
    revision: event.revision,
    type: event.type,
    actor: text(metadata.actor),
    occurredAt: text(metadata.occurredAt),
    correlationId: text(metadata.correlationId),
    causationId: typeof metadata.causationId === 'string' ? metadata.causationId : null,
    hash: typeof metadata['hash'] === 'string' ? metadata['hash'] : null,
    data: redactEventData(event.data),
  };
}

/** What auditors ask of an account's history: the events, the setup at a moment, the chain. */
export class AuditTrail {
  constructor(private readonly store: EventStore) {}

  async events(accountId: string): Promise<AuditEntry[]> {
    return (await this.history(accountId)).events.map(toAuditEntry);
  }

  /** Folds the events that happened at or before `at` (by their `occurredAt`). */
  async setupAt(accountId: string, at: Date): Promise<AccountSetupAt> {
    const { events } = await this.history(accountId);
    const happened = events.filter((event) => Date.parse(text(event.metadata.occurredAt)) <= at.getTime());
    return { accountId, at: at.toISOString(), eventsApplied: happened.length, setup: foldAccountSetup(happened) };
  }

  async verify(accountId: string): Promise<AccountVerification> {
    const { streams } = await this.history(accountId);
    const results = [...streams.entries()].map(([stream, events]) => ({
      stream,
      events: events.length,
      ...verifyStreamChain(events),
    }));
    return { accountId, intact: results.every((result) => result.intact), streams: results };
  }

  private async history(accountId: string) {
    const history = await loadAccountHistory(this.store, accountId);
    if (!history) throw new AccountNotFound(accountId);
    return history;
  }
}
