import { numberStreamName } from '@curbe-voice/contracts';
import type { AllPosition, EventStore } from '@curbe-voice/event-store';
import type { AccountRegistry } from '../accounts';
import { handleCommand, loadStream } from '../../platform/event-sourcing/command-handler';
import type { CommandContext } from '../../platform/event-sourcing/event-envelope';
import { assignableAgent, loadAccountContext, type AccountContext } from './account-context';
import {
  assertActiveInAccount,
  assertE164,
  assertOrderable,
  numberDecider,
  type NumberCommand,
} from './number-decider';
import type { NumberState } from './number-state';
import type { AvailableNumber, AvailableNumberQuery, NumbersTelnyx } from '../../platform/telnyx/account-numbers';

export interface NumberServiceDeps {
  store: EventStore;
  /** Opens the managed account's API key for its Telnyx client. */
  accounts: Pick<AccountRegistry, 'openApiKey'>;
  /** A Telnyx client acting inside one managed account. */
  telnyxFor(apiKey: string): NumbersTelnyx;
  /**
   * Runs after each append, before the command answers: the HTTP slice waits here for the read models,
   * so a page that lists the numbers right after a change sees it.
   */
  afterAppend?: (position: AllPosition) => Promise<void>;
}

/** How often a command starts over when another request changed the number between read and append. */
const MAX_CONFLICTS = 3;

/**
 * Phone numbers of an account: search, order, assign to an agent, unassign, release. Each command
 * reads the number's stream, decides, and appends at the revision it read; Telnyx is asked only after
 * the rules allow the command, and its answer is recorded in the same append.
 */
export class NumberService {
  constructor(private readonly deps: NumberServiceDeps) {}

  async searchAvailable(accountId: string, query: AvailableNumberQuery): Promise<AvailableNumber[]> {
    const { account } = await loadAccountContext(this.deps.store, accountId);
    return this.telnyx(account).searchAvailable(query);
  }

  /**
   * Orders the number onto the account's TeXML application (when activation has created it). A number
   * the managed account already owns at Telnyx (ordered elsewhere, or ordered by a request that died
   * before recording it) is taken over instead of ordered twice.
   */
  async order(accountId: string, phoneNumber: string, context: CommandContext): Promise<NumberState> {
    assertE164(phoneNumber);
    const accountContext = await loadAccountContext(this.deps.store, accountId);
    assertOrderable((await this.load(phoneNumber)).state, accountId);
    const telnyx = this.telnyx(accountContext.account);
    const { texmlApplicationId } = accountContext;
    const owned = await telnyx.findOwned(phoneNumber);
    let command: NumberCommand;
    if (owned) {
      if (texmlApplicationId && owned.connectionId !== texmlApplicationId)
        await telnyx.attach(owned.id, texmlApplicationId);
      command = recordOrder(accountId, phoneNumber, owned.id, null, true, texmlApplicationId);
    } else {
      const ordered = await telnyx.order(phoneNumber, texmlApplicationId);
      command = recordOrder(
        accountId,
        phoneNumber,
        ordered.phoneNumberId,
        ordered.numberOrderId,
        false,
        texmlApplicationId,
      );
    }
    return this.handle(phoneNumber, command, context);
  }

  async assign(accountId: string, phoneNumber: string, agentId: string, context: CommandContext): Promise<NumberState> {
    assertE164(phoneNumber);
    const { account } = await loadAccountContext(this.deps.store, accountId);
    assignableAgent(account, agentId);
    return this.handle(phoneNumber, { type: 'AssignToAgent', accountId, phoneNumber, agentId }, context);
  }

  async unassign(accountId: string, phoneNumber: string, context: CommandContext): Promise<NumberState> {
    assertE164(phoneNumber);
    await loadAccountContext(this.deps.store, accountId);
    return this.handle(phoneNumber, { type: 'Unassign', accountId, phoneNumber }, context);
  }

  /** Deletes the number at Telnyx, then records it released (with the agent's unassignment first). */
  async release(accountId: string, phoneNumber: string, context: CommandContext): Promise<NumberState> {
    assertE164(phoneNumber);
    const { account } = await loadAccountContext(this.deps.store, accountId);
    const number = assertActiveInAccount((await this.load(phoneNumber)).state, accountId, phoneNumber);
    await this.telnyx(account).release(number.phoneNumberId);
    return this.handle(phoneNumber, { type: 'RecordRelease', accountId, phoneNumber }, context);
  }

  /** Decided on the number's stream and appended at the revision read; a concurrent change is decided again. */
  private async handle(phoneNumber: string, command: NumberCommand, context: CommandContext): Promise<NumberState> {
    const { state } = await handleCommand(this.deps.store, numberStreamName(phoneNumber), numberDecider, command, {
      metadata: context,
      maxAttempts: MAX_CONFLICTS,
      afterAppend: async ({ position }) => this.deps.afterAppend?.(position),
    });
    // Every command that gets this far either refused (threw) or left the number existing.
    return state!;
  }

  private load(phoneNumber: string) {
    return loadStream(this.deps.store, numberStreamName(phoneNumber), numberDecider);
  }

  private telnyx(account: AccountContext['account']): NumbersTelnyx {
    return this.deps.telnyxFor(this.deps.accounts.openApiKey(account));
  }
}

function recordOrder(
  accountId: string,
  phoneNumber: string,
  phoneNumberId: string,
  numberOrderId: string | null,
  adopted: boolean,
  texmlApplicationId: string | null,
): NumberCommand {
  return { type: 'RecordOrder', accountId, phoneNumber, phoneNumberId, numberOrderId, adopted, texmlApplicationId };
}
