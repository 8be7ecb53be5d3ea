import { ACCOUNT_STREAM_PREFIX, agentStreamName, isAgentEventType, type AgentEvent } from '@curbe-voice/contracts';
import type { AllPosition, EventStore, ExpectedRevision } from '@curbe-voice/event-store';
import { readAccountStream } from '../accounts';
import { evolve, initialActivationState, type ActivationState } from './activation-state';

/** The activation's state plus the revisions to append at (account stream, and each agent stream). */
export interface LoadedActivation {
  state: ActivationState;
  accountRevision: ExpectedRevision;
  agentRevisions: Record<string, ExpectedRevision>;
}

export async function loadActivation(store: EventStore, accountId: string): Promise<LoadedActivation> {
  const account = await readAccountStream(store, accountId);
  let state = account.events.reduce(evolve, initialActivationState());
  const agentRevisions: Record<string, ExpectedRevision> = {};
  for (const userId of state.agentIds) {
    const recorded = await store.readStream(agentStreamName(userId));
    agentRevisions[userId] = recorded.at(-1)?.revision ?? 'no_stream';
    for (const e of recorded)
      if (isAgentEventType(e.type)) state = evolve(state, { type: e.type, data: e.data } as AgentEvent);
  }
  return { state, accountRevision: account.expectedRevision, agentRevisions };
}

const PAGE = 500;
const ACTIVATION_OUTCOMES = new Set(['ActivationRequested', 'ActivationCompleted', 'ActivationFailed']);

/** Accounts whose latest activation event is a request: started and never finished. */
export async function findInProgressActivations(store: EventStore): Promise<string[]> {
  const lastOutcome = new Map<string, string>();
  let from: AllPosition | 'start' = 'start';
  for (;;) {
    const page = await store.readAll({
      fromPosition: from,
      maxCount: PAGE,
      filter: { streamNamePrefixes: [ACCOUNT_STREAM_PREFIX] },
    });
    for (const event of page) {
      if (ACTIVATION_OUTCOMES.has(event.type))
        lastOutcome.set(event.streamName.slice(ACCOUNT_STREAM_PREFIX.length), event.type);
    }
    if (page.length < PAGE) break;
    from = page[page.length - 1]!.position;
  }
  return [...lastOutcome].filter(([, type]) => type === 'ActivationRequested').map(([accountId]) => accountId);
}
