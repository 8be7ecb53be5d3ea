import type { ActivationStep, SealedSecret } from '@curbe-voice/contracts';
import type { AccountTelnyx } from '../../platform/telnyx/telnyx-gateway';
import type { NumberAdoption } from '../numbers';
import type { ActivationCommand } from './activation-decider';
import { SIP_URI_CALLING, type ActivationState, type NextStep } from './activation-state';
import {
  agentCredentialName,
  credentialConnectionRequest,
  outboundVoiceProfileRequest,
  telephonyCredentialRequest,
  texmlApplicationRequest,
  DAILY_SPEND_LIMIT,
  WHITELISTED_DESTINATIONS,
  type WebhookUrls,
} from './telnyx-requests';

/** What a step needs: the account's Telnyx client, how to retry a request, and how to record the outcome. */
export interface StepContext {
  accountId: string;
  telnyx: AccountTelnyx;
  urls: WebhookUrls;
  /** The tag and name that let a later run recognise what this one created. */
  tag: string;
  name: string;
  retry<T>(operation: () => Promise<T>): Promise<T>;
  /** Between Telnyx's answer and the append: where a crash would leave an unrecorded resource. */
  beforeRecord(step: ActivationStep): Promise<void>;
  sealSipPassword(userId: string, plaintext: string): Promise<SealedSecret>;
  /** Decides and appends; returns the activation after it. */
  record(command: ActivationCommand): Promise<ActivationState>;
  /** Records a number found in the managed account as the account's (on the number's own stream). */
  adoptNumber(adoption: Omit<NumberAdoption, 'accountId'>): Promise<void>;
}

type Step<S extends NextStep['step']> = (
  next: Extract<NextStep, { step: S }>,
  state: ActivationState,
  ctx: StepContext,
) => Promise<ActivationState>;

/** Adopts the resource an earlier run created (found by its tag and name), or creates it. */
function adoptOrCreate<T>(ctx: StepContext, find: () => Promise<T | undefined>, create: () => Promise<T>) {
  return ctx.retry(async () => {
    const found = await find();
    return found ? { resource: found, adopted: true } : { resource: await create(), adopted: false };
  });
}

const outboundVoiceProfile: Step<'outbound_voice_profile'> = async (next, _state, ctx) => {
  const { accountId, telnyx, name } = ctx;
  const { resource, adopted } = await adoptOrCreate(
    ctx,
    () => telnyx.findOutboundVoiceProfileByTag(ctx.tag, name),
    () => telnyx.createOutboundVoiceProfile(outboundVoiceProfileRequest(accountId)),
  );
  await ctx.beforeRecord(next.step);
  const data = {
    accountId,
    outboundVoiceProfileId: resource.id,
    name,
    dailySpendLimit: DAILY_SPEND_LIMIT,
    whitelistedDestinations: WHITELISTED_DESTINATIONS,
    adopted,
  };
  return ctx.record({ type: 'RecordOutboundVoiceProfile', data });
};

const texmlApplication: Step<'texml_application'> = async (next, _state, ctx) => {
  const { accountId, telnyx, name, urls } = ctx;
  const { outboundVoiceProfileId } = next;
  const { resource, adopted } = await adoptOrCreate(
    ctx,
    () => telnyx.findTexmlApplicationByTag(ctx.tag, name),
    () => telnyx.createTexmlApplication(texmlApplicationRequest(accountId, urls, outboundVoiceProfileId)),
  );
  await ctx.beforeRecord(next.step);
  return ctx.record({
    type: 'RecordTexmlApplication',
    data: {
      accountId,
      texmlApplicationId: resource.id,
      friendlyName: name,
      voiceUrl: urls.inbound,
      statusCallbackUrl: urls.status,
      outboundVoiceProfileId,
      adopted,
    },
  });
};

/** PATCHes the connection's SIP URI calling (idempotent: a repeat after a crash changes nothing), then records it. */
async function setSipUriCalling(credentialConnectionId: string, ctx: StepContext): Promise<ActivationState> {
  await ctx.retry(() => ctx.telnyx.setSipUriCallingPreference(credentialConnectionId, SIP_URI_CALLING));
  await ctx.beforeRecord('credential_connection');
  return ctx.record({
    type: 'RecordSipUriCallingPreference',
    data: { accountId: ctx.accountId, credentialConnectionId, sipUriCallingPreference: SIP_URI_CALLING },
  });
}

const credentialConnection: Step<'credential_connection'> = async (next, _state, ctx) => {
  const { accountId, telnyx, name, urls } = ctx;
  const { outboundVoiceProfileId, existingConnectionId } = next;
  if (existingConnectionId !== null) return setSipUriCalling(existingConnectionId, ctx);
  const { resource, adopted } = await adoptOrCreate(
    ctx,
    () => telnyx.findCredentialConnectionByTag(ctx.tag, name),
    () => telnyx.createCredentialConnection(credentialConnectionRequest(accountId, urls, outboundVoiceProfileId)),
  );
  await ctx.beforeRecord(next.step);
  return ctx.record({
    type: 'RecordCredentialConnection',
    data: {
      accountId,
      credentialConnectionId: resource.id,
      connectionName: name,
      webhookEventUrl: urls.outbound,
      outboundVoiceProfileId,
      adopted,
      // An adopted connection may predate the field: the next step sets it.
      ...(adopted ? {} : { sipUriCallingPreference: SIP_URI_CALLING }),
    },
  });
};

const agentCredential: Step<'agent_credentials'> = async (next, _state, ctx) => {
  const { accountId, telnyx } = ctx;
  const { userId, credentialConnectionId } = next;
  const { resource, adopted } = await adoptOrCreate(
    ctx,
    () => telnyx.findTelephonyCredential(ctx.tag, agentCredentialName(userId)),
    () => telnyx.createTelephonyCredential(telephonyCredentialRequest(accountId, userId, credentialConnectionId)),
  );
  await ctx.beforeRecord(next.step);
  const sipPassword = await ctx.sealSipPassword(userId, resource.sipPassword);
  return ctx.record({
    type: 'RecordAgentCredential',
    data: {
      userId,
      accountId,
      credentialId: resource.id,
      connectionId: credentialConnectionId,
      sipUsername: resource.sipUsername,
      sipPassword,
      adopted,
    },
  });
};

/**
 * Attaches every number the managed account owns to the TeXML application and adopts it, so it is
 * listed ready to assign: one recorded fact each. Adopting again changes nothing, so a resumed run
 * (or an account activated before numbers were adopted) adopts every number it lists.
 */
const numberAttachment: Step<'number_attachment'> = async (next, start, ctx) => {
  const { texmlApplicationId } = next;
  let state = start;
  const numbers = await ctx.retry(() => ctx.telnyx.listPhoneNumbers());
  for (const number of numbers) {
    const adoption = { phoneNumber: number.phoneNumber, phoneNumberId: number.id, texmlApplicationId };
    if (state.attachedNumbers[number.id] === texmlApplicationId) {
      await ctx.adoptNumber(adoption);
      continue;
    }
    // PATCH is idempotent; skip it when an earlier run already attached the number.
    if (number.connectionId !== texmlApplicationId)
      await ctx.retry(() => ctx.telnyx.attachPhoneNumber(number.id, texmlApplicationId));
    await ctx.adoptNumber(adoption);
    await ctx.beforeRecord(next.step);
    state = await ctx.record({
      type: 'RecordNumberAttached',
      data: {
        accountId: ctx.accountId,
        phoneNumberId: number.id,
        phoneNumber: number.phoneNumber,
        connectionId: texmlApplicationId,
      },
    });
  }
  return state;
};

/** Runs one provisioning step at Telnyx and records what it created or found. */
export function runStep(
  next: Exclude<NextStep, { step: 'complete' }>,
  state: ActivationState,
  ctx: StepContext,
): Promise<ActivationState> {
  switch (next.step) {
    case 'outbound_voice_profile':
      return outboundVoiceProfile(next, state, ctx);
    case 'texml_application':
      return texmlApplication(next, state, ctx);
    case 'credential_connection':
      return credentialConnection(next, state, ctx);
    case 'agent_credentials':
      return agentCredential(next, state, ctx);
    case 'number_attachment':
      return numberAttachment(next, state, ctx);
  }
}
