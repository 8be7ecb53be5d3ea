import { numberStreamName } from '@curbe-voice/contracts';
import type { AllPosition, EventStore } from '@curbe-voice/event-store';
import { handleCommand, loadStream } from '../../platform/event-sourcing/command-handler';
import type { CommandContext } from '../../platform/event-sourcing/event-envelope';
import { numberDecider } from './number-decider';
import { NumberRejected } from './number-rejected';

/**
 * Why a member never keeps a number once removed, with several backend instances and lagging read
 * models: an assignment and a removal write different streams (`number-…`, `account-…`), and the
 * store only guards one stream per append. So each side writes first and then reads the other side
 * from the store (never a read model): the assignment re-reads the account after its append, the
 * removal looks for the member's numbers after its own. The store orders the two appends, so at least
 * one of them sees the other and takes the number back (`NumberUnassignedFromAgent`, caused by the
 * removal). Both doing it is harmless: an unassignment of a number the member no longer holds adds nothing.
 */

/** Numbers the store says were last assigned to this member of the account (read from the store). */
export async function numbersAssignedTo(store: EventStore, accountId: string, userId: string): Promise<string[]> {
  const assignments = await store.readAll({ filter: { eventTypePrefixes: ['NumberAssignedToAgent'] } });
  const candidates = new Set(
    assignments
      .map((event) => event.data as { accountId?: string; phoneNumber?: string; agentId?: string })
      .filter((data) => data.accountId === accountId && data.agentId === userId)
      .map((data) => data.phoneNumber!),
  );
  const held: string[] = [];
  for (const phoneNumber of candidates) {
    const { state } = await loadStream(store, numberStreamName(phoneNumber), numberDecider);
    if (state?.agentId === userId && state.accountId === accountId && state.status === 'active') held.push(phoneNumber);
  }
  return held.sort();
}

/** Takes a number back from a member who is no longer an agent of the account; nothing when they no longer hold it. */
export async function takeBackNumber(
  store: EventStore,
  scope: { accountId: string; phoneNumber: string; agentId: string },
  context: CommandContext,
  afterAppend?: (position: AllPosition) => Promise<void>,
): Promise<void> {
  try {
    await handleCommand(
      store,
      numberStreamName(scope.phoneNumber),
      numberDecider,
      { type: 'Unassign', ...scope },
      {
        metadata: context,
        afterAppend: async ({ position }) => afterAppend?.(position),
      },
    );
  } catch (error) {
    // Released or gone at Telnyx meanwhile: nobody holds it any more.
    if (!(error instanceof NumberRejected)) throw error;
  }
}

/** After a removal is recorded: every number the removed member still holds goes back to the account. */
export async function takeBackNumbersOfRemovedMember(
  store: EventStore,
  removal: { accountId: string; userId: string },
  context: CommandContext,
): Promise<string[]> {
  const held = await numbersAssignedTo(store, removal.accountId, removal.userId);
  for (const phoneNumber of held)
    await takeBackNumber(store, { accountId: removal.accountId, phoneNumber, agentId: removal.userId }, context);
  return held;
}
