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
import type { NumbersSync } from '@curbe-voice/contracts/api/numbers';
import type {
  AvailableNumber,
  AvailableNumberQuery,
  NumberOrderOutcome,
  NumbersTelnyx,
} from '../../platform/telnyx/account-numbers';
import { adoptNumber } from './number-adoption';
import { takeBackNumber } from './removed-member-numbers';

export interface NumberServiceDeps {
  store: EventStore;
  /** Opens the managed account's API key for its Telnyx client. */
  accounts: Pick<AccountRegistry, 'openApiKey'>;
  /** A Telnyx client acting inside one managed account. */
  telnyxFor(apiKey: string): NumbersTelnyx;
  /** The numbers the account's read model shows active (a sync marks those Telnyx no longer holds). */
  activeNumbers(accountId: string): Promise<string[]>;
  /**
   * Runs after each append, before the command answers: the HTTP slice waits here for the read models,
   * so a page that lists the numbers right after a change sees it.
   */
  afterAppend?: (position: AllPosition) => Promise<void>;
}

/** How often a command starts over when another request changed the number between read and append. */
const MAX_CONFLICTS = 3;

/**
 * Phone numbers of an account: search, order (pending until Telnyx completes it), sync with Telnyx,
 * assign to an agent, unassign, release. Each command
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
   * Orders the number onto the account's TeXML application (when activation has created it) and
   * records the order pending; Telnyx completes it later (`settle`). A number the managed account
   * already owns at Telnyx (ordered elsewhere, or by a request that died before recording it) is
   * taken over instead of ordered twice.
   */
  async order(accountId: string, phoneNumber: string, context: CommandContext): Promise<NumberState> {
    assertE164(phoneNumber);
    const accountContext = await loadAccountContext(this.deps.store, accountId);
    assertOrderable((await this.load(phoneNumber)).state, accountId);
    const telnyx = this.telnyx(accountContext.account);
    const { texmlApplicationId } = accountContext;
    const owned = await telnyx.findOwned(phoneNumber);
    if (owned) {
      if (texmlApplicationId && owned.connectionId !== texmlApplicationId)
        await telnyx.attach(owned.id, texmlApplicationId);
      return this.handle(phoneNumber, recordOrder(accountId, phoneNumber, owned.id, texmlApplicationId), context);
    }
    const outcome = await telnyx.order(phoneNumber, texmlApplicationId);
    const placed = { type: 'PlaceOrder', accountId, phoneNumber, numberOrderId: outcome.numberOrderId } as const;
    const pending = await this.handle(phoneNumber, placed, context);
    return outcome.status === 'pending' ? pending : this.settle(accountContext, pending, outcome, context);
  }

  /** Asks Telnyx where each of these pending orders stands, records the ones it completed; returns the numbers now. */
  async settlePending(accountId: string, phoneNumbers: string[], context: CommandContext): Promise<NumberState[]> {
    if (phoneNumbers.length === 0) return [];
    const accountContext = await loadAccountContext(this.deps.store, accountId);
    const telnyx = this.telnyx(accountContext.account);
    const settled: NumberState[] = [];
    for (const phoneNumber of phoneNumbers) {
      let { state } = await this.load(phoneNumber);
      if (state?.status === 'pending' && state.accountId === accountId && state.numberOrderId) {
        const outcome = await telnyx.orderOutcome(state.numberOrderId, phoneNumber);
        if (outcome.status !== 'pending') state = await this.settle(accountContext, state, outcome, context);
      }
      if (state) settled.push(state);
    }
    return settled;
  }

  /**
   * Brings the account's numbers in line with the managed account at Telnyx: numbers it holds that
   * the account does not know are adopted (attached to the account's application), numbers the
   * account has active that Telnyx no longer holds are marked missing.
   */
  async sync(accountId: string, context: CommandContext): Promise<NumbersSync> {
    const accountContext = await loadAccountContext(this.deps.store, accountId);
    const telnyx = this.telnyx(accountContext.account);
    const { texmlApplicationId } = accountContext;
    const atTelnyx = await telnyx.listOwned();
    const result: NumbersSync = { adopted: [], missing: [] };
    for (const number of atTelnyx) {
      const { state } = await this.load(number.phoneNumber);
      if (state?.status === 'active' && state.phoneNumberId === number.id) continue;
      if (state?.status === 'active' && state.accountId !== accountId) continue;
      if (texmlApplicationId && number.connectionId !== texmlApplicationId)
        await telnyx.attach(number.id, texmlApplicationId);
      const adoption = { accountId, phoneNumber: number.phoneNumber, phoneNumberId: number.id, texmlApplicationId };
      await adoptNumber(this.deps.store, adoption, context, this.deps.afterAppend);
      result.adopted.push(number.phoneNumber);
    }
    const held = new Set(atTelnyx.map((n) => n.phoneNumber));
    for (const phoneNumber of await this.deps.activeNumbers(accountId)) {
      if (held.has(phoneNumber)) continue;
      const state = await this.handle(phoneNumber, { type: 'MarkMissing', accountId, phoneNumber }, context);
      if (state.status === 'missing') result.missing.push(phoneNumber);
    }
    return result;
  }

  async assign(accountId: string, phoneNumber: string, agentId: string, context: CommandContext): Promise<NumberState> {
    assertE164(phoneNumber);
    const { account } = await loadAccountContext(this.deps.store, accountId);
    assignableAgent(account, agentId);
    const assigned = await this.handle(
      phoneNumber,
      { type: 'AssignToAgent', accountId, phoneNumber, agentId },
      context,
    );
    await this.takeBackUnlessStillAgent({ accountId, phoneNumber, agentId }, context);
    return assigned;
  }

  /**
   * Read again from the store after the append: a removal (or role change) recorded meanwhile wins,
   * the number goes back and the assignment is refused (see removed-member-numbers for why).
   */
  private async takeBackUnlessStillAgent(
    scope: { accountId: string; phoneNumber: string; agentId: string },
    context: CommandContext,
  ): Promise<void> {
    const { account } = await loadAccountContext(this.deps.store, scope.accountId);
    try {
      assignableAgent(account, scope.agentId);
    } catch (refusal) {
      await takeBackNumber(this.deps.store, scope, context, this.deps.afterAppend);
      throw refusal;
    }
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
    if (number.phoneNumberId) await this.telnyx(account).release(number.phoneNumberId);
    return this.handle(phoneNumber, { type: 'RecordRelease', accountId, phoneNumber }, context);
  }

  /** Records what Telnyx said of a completed order: the number active (and attached), or the failure. */
  private async settle(
    { account, texmlApplicationId }: AccountContext,
    pending: NumberState,
    outcome: NumberOrderOutcome,
    context: CommandContext,
  ): Promise<NumberState> {
    const { accountId, phoneNumber } = pending;
    const { numberOrderId } = outcome;
    if (outcome.status === 'failure') {
      const reason = outcome.failureReason ?? 'Telnyx could not complete the order';
      return this.handle(phoneNumber, { type: 'FailOrder', accountId, phoneNumber, numberOrderId, reason }, context);
    }
    const telnyx = this.telnyx(account);
    const owned = await telnyx.findOwned(phoneNumber);
    if (!owned) {
      const reason = 'Telnyx reported the order complete but the number is not in the account';
      return this.handle(phoneNumber, { type: 'FailOrder', accountId, phoneNumber, numberOrderId, reason }, context);
    }
    if (texmlApplicationId && owned.connectionId !== texmlApplicationId)
      await telnyx.attach(owned.id, texmlApplicationId);
    const complete = { accountId, phoneNumber, numberOrderId, phoneNumberId: owned.id, texmlApplicationId };
    return this.handle(phoneNumber, { type: 'CompleteOrder', ...complete }, context);
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
  texmlApplicationId: string | null,
): NumberCommand {
  return {
    type: 'RecordOrder',
    accountId,
    phoneNumber,
    phoneNumberId,
    numberOrderId: null,
    adopted: true,
    texmlApplicationId,
  };
}
