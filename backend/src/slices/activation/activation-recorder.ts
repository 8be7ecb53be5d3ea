import { accountStreamName, agentStreamName } from '@curbe-voice/contracts';
import type { EventStore } from '@curbe-voice/event-store';
import { handleCommand } from '../../platform/event-sourcing/command-handler';
import type { CommandContext } from '../../platform/event-sourcing/event-envelope';
import { activationDecider, type ActivationCommand } from './activation-decider';
import type { ActivationState } from './activation-state';
import { loadActivation, type LoadedActivation } from './activation-stream';

/**
 * Decides one activation command on everything known about the account (its stream and its agents'
 * streams) and appends the events where they belong: an agent's SIP identity on `agent-{id}`, the
 * rest on `account-{id}`, each at the revision the decision was made on.
 */
export async function recordActivation(
  store: EventStore,
  accountId: string,
  command: ActivationCommand,
  context: CommandContext,
): Promise<ActivationState> {
  const agentId = command.type === 'RecordAgentCredential' ? command.data.userId : null;
  const streamName = agentId ? agentStreamName(agentId) : accountStreamName(accountId);
  const load = async () => {
    const loaded = await loadActivation(store, accountId);
    return { state: loaded.state, revision: revisionOf(loaded, agentId) };
  };
  const { state } = await handleCommand(store, streamName, activationDecider, command, { metadata: context, load });
  return state;
}

function revisionOf(loaded: LoadedActivation, agentId: string | null) {
  return agentId ? (loaded.agentRevisions[agentId] ?? 'no_stream') : loaded.accountRevision;
}
