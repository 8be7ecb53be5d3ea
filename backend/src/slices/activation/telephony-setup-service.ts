import { randomUUID } from 'node:crypto';
import type { ActivationStep, SealedSecret } from '@curbe-voice/contracts';
import type { EventStore } from '@curbe-voice/event-store';
import type { AccountRegistry } from '../accounts';
import type { CommandContext } from '../../platform/event-sourcing/event-envelope';
import type { SecretBox } from '../../platform/crypto/secret-box';
import { DEFAULT_RETRY_POLICY, retryTransient, type RetryPolicy } from '../../platform/telnyx/retry';
import type { AccountTelnyx, TelnyxGateway } from '../../platform/telnyx/telnyx-gateway';
import { claimActivation, claimAndRun } from './activation-claim';
import type { ActivationOutcome, ActivationRequestResult } from './activation-outcome';
import { recordActivation } from './activation-recorder';
import type { ActivationState } from './activation-state';
import type { StepContext } from './activation-steps';
import { findInProgressActivations, loadActivation } from './activation-stream';
import { accountTag, resourceName, webhookUrls } from './telnyx-requests';
import { adoptNumber } from '../numbers';

export type { ActivationOutcome, ActivationRequestResult } from './activation-outcome';

interface LoggerLike {
  error(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
}

export interface TelephonySetupDeps {
  store: EventStore;
  telnyx: TelnyxGateway;
  secretBox: SecretBox;
  /** Seals each agent's SIP password under that agent's own data key (shredded on removal); without it, under the master key. */
  agentSecrets?: { seal(userId: string, plaintext: string): Promise<SealedSecret> };
  accounts: AccountRegistry;
  /** Public base URL of this backend; Telnyx calls our webhooks under it. */
  publicUrl: string;
  retryPolicy?: RetryPolicy;
  /**
   * Runs after Telnyx answered a step and before its event is appended: the moment a crash would
   * leave a resource at Telnyx that our stream does not know (tests inject exactly that).
   */
  beforeRecord?: (step: ActivationStep) => void | Promise<void>;
  logger?: LoggerLike;
}

const SYSTEM: CommandContext = { actor: 'system' };
/** Every event of one run shares a correlation id, so the audit trail shows them as one story. */
const withCorrelation = (context: CommandContext): CommandContext => ({
  ...context,
  correlationId: context.correlationId ?? randomUUID(),
});

/**
 * Activates an account's Telnyx voice setup, one recorded step at a time: outbound voice profile →
 * TeXML application → credential connection → a telephony credential per agent → attach numbers.
 * Every run starts from the stream, so a run that died half-way is resumed by the next one; before
 * creating anything it looks for the resource an earlier run may have created and adopts it.
 */
export class TelephonySetupService {
  /** Runs in this process, so a second caller joins instead of racing the first. */
  private readonly running = new Map<string, Promise<ActivationOutcome>>();
  private readonly retryPolicy: RetryPolicy;

  constructor(private readonly deps: TelephonySetupDeps) {
    this.retryPolicy = deps.retryPolicy ?? DEFAULT_RETRY_POLICY;
  }

  async status(accountId: string): Promise<ActivationState> {
    return (await loadActivation(this.deps.store, accountId)).state;
  }

  /** `POST …/activation`: claims the activation (one winner across instances) and runs it in the background. */
  async requestActivation(accountId: string, requestContext: CommandContext): Promise<ActivationRequestResult> {
    const context = withCorrelation(requestContext);
    const account = await this.deps.accounts.get(accountId);
    if (!account) return { outcome: 'not_registered', state: null };
    if (this.running.has(accountId)) return { outcome: 'already_in_progress', state: await this.status(accountId) };
    const claim = await claimActivation(this.deps.store, accountId, context);
    if (claim.outcome !== 'claimed') return claim;
    const done = this.setupClientInfrastructure(account, this.deps.accounts.openApiKey(account), context);
    done.catch((error: unknown) =>
      this.deps.logger?.error(
        { err: error, accountId },
        'activation stopped before finishing; the next request resumes it',
      ),
    );
    return { outcome: 'started', state: claim.state, done };
  }

  /**
   * Runs the next missing step until the activation is complete or has failed. Requests the activation
   * first when none is in progress; resumes it when one is (e.g. after a crash).
   */
  setupClientInfrastructure(
    account: { accountId: string },
    subAccountToken: string,
    requestContext: CommandContext = SYSTEM,
  ): Promise<ActivationOutcome> {
    const context = withCorrelation(requestContext);
    const existing = this.running.get(account.accountId);
    if (existing) return this.status(account.accountId).then((state) => ({ outcome: 'already_in_progress', state }));
    const ctx = this.stepContext(account.accountId, this.deps.telnyx.forAccount(subAccountToken), context);
    const run = claimAndRun(this.deps.store, account.accountId, ctx, context).finally(() =>
      this.running.delete(account.accountId),
    );
    this.running.set(account.accountId, run);
    return run;
  }

  /**
   * Gives the agents added (or made agents) since the account was activated their SIP identity: the
   * activation runs again and creates only what is missing. Resolves with its outcome, or null when
   * there is nothing to do: every agent has one, the account was never activated (its activation
   * provisions every agent), or its activation failed (the admin resumes it on the Activation page).
   */
  async provisionNewAgents(accountId: string, context: CommandContext): Promise<ActivationOutcome | null> {
    await this.settled(accountId);
    const state = await this.status(accountId);
    if (state.status !== 'completed' || state.agentIds.every((id) => state.credentials[id])) return null;
    const request = await this.requestActivation(accountId, context);
    return request.outcome === 'started' ? request.done : null;
  }

  /** Resolves once no activation of the account is running in this process (whatever its outcome). */
  async settled(accountId: string): Promise<void> {
    await this.running.get(accountId)?.catch(() => undefined);
  }

  /**
   * Resumes every activation left in progress by a process that stopped (call once at start-up, after
   * the HTTP server is up). Runs in the background; failures are logged and left for the next request.
   */
  async resumeInterruptedActivations(): Promise<string[]> {
    const accountIds = await findInProgressActivations(this.deps.store);
    for (const accountId of accountIds) {
      const account = await this.deps.accounts.get(accountId);
      if (!account) continue;
      this.deps.logger?.info({ accountId }, 'resuming interrupted activation');
      void this.setupClientInfrastructure(account, this.deps.accounts.openApiKey(account)).catch((error: unknown) =>
        this.deps.logger?.error({ err: error, accountId }, 'resumed activation stopped before finishing'),
      );
    }
    return accountIds;
  }

  private stepContext(accountId: string, telnyx: AccountTelnyx, context: CommandContext): StepContext {
    const { agentSecrets, secretBox } = this.deps;
    return {
      accountId,
      telnyx,
      urls: webhookUrls(this.deps.publicUrl),
      tag: accountTag(accountId),
      name: resourceName(accountId),
      retry: (operation) => retryTransient(this.retryPolicy, operation),
      beforeRecord: async (step) => this.deps.beforeRecord?.(step),
      sealSipPassword: async (userId, plaintext) =>
        agentSecrets ? agentSecrets.seal(userId, plaintext) : secretBox.seal(plaintext),
      record: (command) => recordActivation(this.deps.store, accountId, command, context),
      adoptNumber: async (adoption) => void (await adoptNumber(this.deps.store, { accountId, ...adoption }, context)),
    };
  }
}
