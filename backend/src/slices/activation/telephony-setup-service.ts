import { randomUUID } from 'node:crypto';
import {
  accountStreamName,
  agentStreamName,
  type AccountEvent,
  type ActivationStep,
  type AgentEvent,
  type SealedSecret,
} from '@curbe-voice/contracts';
import { WrongExpectedVersionError, type EventStore } from '@curbe-voice/event-store';
import type { AccountRegistry } from '../accounts';
import { toNewEvent, type CommandContext } from '../../platform/event-sourcing/event-envelope';
import type { SecretBox } from '../../platform/crypto/secret-box';
import { DEFAULT_RETRY_POLICY, retryTransient, type RetryPolicy } from '../../platform/telnyx/retry';
import { TelnyxPermanentError, TelnyxTransientError } from '../../platform/telnyx/telnyx-errors';
import type { AccountTelnyx, TelnyxGateway } from '../../platform/telnyx/telnyx-gateway';
import { ActivationRejected, decide, type ActivationCommand, type ActivationRejection } from './activation-decider';
import { evolve, nextStep, type ActivationFailure, type ActivationState } from './activation-state';
import { findInProgressActivations, loadActivation, type LoadedActivation } from './activation-stream';
import {
  accountTag,
  agentCredentialName,
  credentialConnectionRequest,
  outboundVoiceProfileRequest,
  resourceName,
  telephonyCredentialRequest,
  texmlApplicationRequest,
  webhookUrls,
  DAILY_SPEND_LIMIT,
  WHITELISTED_DESTINATIONS,
} from './telnyx-requests';

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

export type ActivationOutcome =
  | { outcome: 'completed'; state: ActivationState }
  | { outcome: 'failed'; state: ActivationState; failure: ActivationFailure }
  | { outcome: Exclude<ActivationRejection, 'not_in_progress'>; state: ActivationState | null };

export type ActivationRequestResult =
  | { outcome: 'started'; state: ActivationState; done: Promise<ActivationOutcome> }
  | { outcome: Exclude<ActivationRejection, 'not_in_progress'>; state: ActivationState | null };

const SYSTEM: CommandContext = { actor: 'system' };
/** Every event of one run shares a correlation id, so the audit trail shows them as one story. */
const withCorrelation = (context: CommandContext): CommandContext => ({ ...context, correlationId: context.correlationId ?? randomUUID() });

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
    const claim = await this.claim(accountId, context);
    if (claim.outcome !== 'claimed') return claim;
    const done = this.setupClientInfrastructure(account, this.deps.accounts.openApiKey(account), context);
    done.catch((error: unknown) =>
      this.deps.logger?.error({ err: error, accountId }, 'activation stopped before finishing; the next request resumes it'),
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
    const run = this.claimAndRun(account.accountId, this.deps.telnyx.forAccount(subAccountToken), context).finally(() =>
      this.running.delete(account.accountId),
    );
    this.running.set(account.accountId, run);
    return run;
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

  private async claim(
    accountId: string,
    context: CommandContext,
  ): Promise<{ outcome: 'claimed'; state: ActivationState } | Extract<ActivationOutcome, { outcome: ActivationRejection }>> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await loadActivation(this.deps.store, accountId);
      try {
        const next = await this.record(loaded, { type: 'RequestActivation', accountId }, context);
        return { outcome: 'claimed', state: next.state };
      } catch (error) {
        if (error instanceof ActivationRejected && error.reason !== 'not_in_progress') return { outcome: error.reason, state: loaded.state };
        // Someone appended first: usually a concurrent request that claimed the activation, which the
        // next decision (on the fresh stream) reports; anything else (a member added) is simply retried.
        if (!(error instanceof WrongExpectedVersionError) || attempt >= 3) throw error;
      }
    }
  }

  private async claimAndRun(accountId: string, telnyx: AccountTelnyx, context: CommandContext): Promise<ActivationOutcome> {
    let loaded = await loadActivation(this.deps.store, accountId);
    if (loaded.state.status !== 'in_progress') {
      const claim = await this.claim(accountId, context);
      if (claim.outcome !== 'claimed') return claim;
      loaded = await loadActivation(this.deps.store, accountId);
    }
    return this.runSteps(loaded, telnyx, context);
  }

  private async runSteps(start: LoadedActivation, telnyx: AccountTelnyx, context: CommandContext): Promise<ActivationOutcome> {
    let loaded = start;
    let numbersDone = false;
    const accountId = loaded.state.accountId!;
    const urls = webhookUrls(this.deps.publicUrl);
    const tag = accountTag(accountId);
    const name = resourceName(accountId);
    const retry = <T>(operation: () => Promise<T>) => retryTransient(this.retryPolicy, operation);
    const adoptOrCreate = <T>(find: () => Promise<T | undefined>, create: () => Promise<T>) =>
      retry(async () => {
        const found = await find();
        return found ? { resource: found, adopted: true } : { resource: await create(), adopted: false };
      });

    for (;;) {
      const next = nextStep(loaded.state, numbersDone);
      if (next.step === 'complete') {
        loaded = await this.record(loaded, { type: 'CompleteActivation' }, context);
        return { outcome: 'completed', state: loaded.state };
      }
      try {
        switch (next.step) {
          case 'outbound_voice_profile': {
            const { resource, adopted } = await adoptOrCreate(
              () => telnyx.findOutboundVoiceProfileByTag(tag, name),
              () => telnyx.createOutboundVoiceProfile(outboundVoiceProfileRequest(accountId)),
            );
            await this.deps.beforeRecord?.(next.step);
            loaded = await this.record(
              loaded,
              {
                type: 'RecordOutboundVoiceProfile',
                data: {
                  accountId,
                  outboundVoiceProfileId: resource.id,
                  name,
                  dailySpendLimit: DAILY_SPEND_LIMIT,
                  whitelistedDestinations: WHITELISTED_DESTINATIONS,
                  adopted,
                },
              },
              context,
            );
            break;
          }
          case 'texml_application': {
            const { resource, adopted } = await adoptOrCreate(
              () => telnyx.findTexmlApplicationByTag(tag, name),
              () => telnyx.createTexmlApplication(texmlApplicationRequest(accountId, urls, next.outboundVoiceProfileId)),
            );
            await this.deps.beforeRecord?.(next.step);
            loaded = await this.record(
              loaded,
              {
                type: 'RecordTexmlApplication',
                data: {
                  accountId,
                  texmlApplicationId: resource.id,
                  friendlyName: name,
                  voiceUrl: urls.inbound,
                  statusCallbackUrl: urls.status,
                  outboundVoiceProfileId: next.outboundVoiceProfileId,
                  adopted,
                },
              },
              context,
            );
            break;
          }
          case 'credential_connection': {
            const { resource, adopted } = await adoptOrCreate(
              () => telnyx.findCredentialConnectionByTag(tag, name),
              () => telnyx.createCredentialConnection(credentialConnectionRequest(accountId, urls, next.outboundVoiceProfileId)),
            );
            await this.deps.beforeRecord?.(next.step);
            loaded = await this.record(
              loaded,
              {
                type: 'RecordCredentialConnection',
                data: {
                  accountId,
                  credentialConnectionId: resource.id,
                  connectionName: name,
                  webhookEventUrl: urls.outbound,
                  outboundVoiceProfileId: next.outboundVoiceProfileId,
                  adopted,
                },
              },
              context,
            );
            break;
          }
          case 'agent_credentials': {
            const { resource, adopted } = await adoptOrCreate(
              () => telnyx.findTelephonyCredential(tag, agentCredentialName(next.userId)),
              () => telnyx.createTelephonyCredential(telephonyCredentialRequest(accountId, next.userId, next.credentialConnectionId)),
            );
            await this.deps.beforeRecord?.(next.step);
            const sipPassword = this.deps.agentSecrets
              ? await this.deps.agentSecrets.seal(next.userId, resource.sipPassword)
              : this.deps.secretBox.seal(resource.sipPassword);
            loaded = await this.record(
              loaded,
              {
                type: 'RecordAgentCredential',
                data: {
                  userId: next.userId,
                  accountId,
                  credentialId: resource.id,
                  connectionId: next.credentialConnectionId,
                  sipUsername: resource.sipUsername,
                  sipPassword,
                  adopted,
                },
              },
              context,
            );
            break;
          }
          case 'number_attachment': {
            const numbers = await retry(() => telnyx.listPhoneNumbers());
            for (const number of numbers) {
              if (loaded.state.attachedNumbers[number.id] === next.texmlApplicationId) continue;
              // PATCH is idempotent; skip it when an earlier run already attached the number.
              if (number.connectionId !== next.texmlApplicationId) {
                await retry(() => telnyx.attachPhoneNumber(number.id, next.texmlApplicationId));
              }
              await this.deps.beforeRecord?.(next.step);
              loaded = await this.record(
                loaded,
                {
                  type: 'RecordNumberAttached',
                  data: { accountId, phoneNumberId: number.id, phoneNumber: number.phoneNumber, connectionId: next.texmlApplicationId },
                },
                context,
              );
            }
            numbersDone = true;
            break;
          }
        }
      } catch (error) {
        if (!(error instanceof TelnyxPermanentError || error instanceof TelnyxTransientError)) throw error;
        loaded = await this.record(
          loaded,
          {
            type: 'FailActivation',
            step: next.step,
            status: error.status,
            errors: error.errors,
            message: error.message,
            transient: error instanceof TelnyxTransientError,
          },
          context,
        );
        return { outcome: 'failed', state: loaded.state, failure: loaded.state.lastFailure! };
      }
    }
  }

  /** Decides, then appends each event to its stream at the revision it was decided on. */
  private async record(loaded: LoadedActivation, command: ActivationCommand, context: CommandContext): Promise<LoadedActivation> {
    let next = loaded;
    for (const event of decide(command, loaded.state)) {
      next = await this.append(next, event, context);
    }
    return next;
  }

  private async append(loaded: LoadedActivation, event: AccountEvent | AgentEvent, context: CommandContext): Promise<LoadedActivation> {
    const state = evolve(loaded.state, event);
    if (event.type === 'TelephonyCredentialCreated') {
      const userId = event.data.userId;
      const result = await this.deps.store.appendToStream(agentStreamName(userId), [toNewEvent(event, context)], {
        expectedRevision: loaded.agentRevisions[userId] ?? 'no_stream',
      });
      return { ...loaded, state, agentRevisions: { ...loaded.agentRevisions, [userId]: result.nextExpectedRevision } };
    }
    const result = await this.deps.store.appendToStream(accountStreamName(loaded.state.accountId!), [toNewEvent(event, context)], {
      expectedRevision: loaded.accountRevision,
    });
    return { ...loaded, state, accountRevision: result.nextExpectedRevision };
  }
}
