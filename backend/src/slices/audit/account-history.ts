import {
  accountStreamName,
  agentStreamName,
  isAccountEventType,
  NUMBER_STREAM_PREFIX,
  numberStreamName,
} from '@curbe-voice/contracts';
import { comparePositions, type EventStore, type RecordedEvent } from '@curbe-voice/event-store';

/**
 * Every stored event of one account, across its streams, in `$all` order. Which streams belong to the
 * account is read from the events themselves, no read model involved: its agents from `AgentAdded`
 * on `account-{id}`, its numbers from the number events that name the account (and from numbers the
 * activation attached). A number stream may outlive an account's hold on the number (released, then
 * ordered by another account): only the events naming this account are its history.
 */
export interface AccountHistory {
  accountId: string;
  /** Each stream of the account, read whole (for chain verification). */
  streams: Map<string, RecordedEvent[]>;
  /** The account's events, in global order. */
  events: RecordedEvent[];
}

const accountIdOf = (event: RecordedEvent): unknown => (event.data as { accountId?: unknown } | null)?.accountId;

export async function loadAccountHistory(store: EventStore, accountId: string): Promise<AccountHistory | null> {
  const accountStream = accountStreamName(accountId);
  const accountEvents = await store.readStream(accountStream);
  if (accountEvents.length === 0) return null;

  const streamNames = new Set<string>();
  const numberStreams = new Set<string>();
  for (const event of accountEvents) {
    if (!isAccountEventType(event.type)) continue;
    const data = event.data as { userId?: string; phoneNumber?: string };
    if (event.type === 'AgentAdded' && data.userId) streamNames.add(agentStreamName(data.userId));
    if (event.type === 'NumberAttached' && data.phoneNumber) numberStreams.add(numberStreamName(data.phoneNumber));
  }
  const numberEvents = await store.readAll({ filter: { streamNamePrefixes: [NUMBER_STREAM_PREFIX] } });
  for (const event of numberEvents) if (accountIdOf(event) === accountId) numberStreams.add(event.streamName);

  const streams = new Map<string, RecordedEvent[]>([[accountStream, accountEvents]]);
  for (const name of [...streamNames, ...numberStreams]) {
    const events = await store.readStream(name);
    if (events.length > 0) streams.set(name, events);
  }
  const events = [...streams.entries()]
    .flatMap(([name, stored]) =>
      name.startsWith(NUMBER_STREAM_PREFIX) ? stored.filter((e) => accountIdOf(e) === accountId) : stored,
    )
    .sort((a, b) => comparePositions(a.position, b.position));
  return { accountId, streams, events };
}
