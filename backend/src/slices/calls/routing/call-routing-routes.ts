import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CallStreams } from '../call-streams';
import { CALL_FIELD_LIMITS } from '@curbe-voice/contracts';
import {
  MalformedWebhookError,
  optionalInteger,
  optionalText,
  requireFields,
  type WebhookForm,
} from '../../../platform/telnyx/webhook-form';
import type { CallingPolicy } from './calling-policy';
import {
  dialAgentTexml,
  dialNumberTexml,
  fallbackTexml,
  goodbyeTexml,
  hangupTexml,
  REFUSAL_MESSAGES,
  refusalTexml,
  voicemailTexml,
  type WebhookUrls,
} from './call-texml';
import { decideInboundRoute } from './inbound-route';
import { callingSipUsername, decideOutboundRoute } from './outbound-route';
import type { RoutingLookup } from './routing-lookup';

export interface CallRoutingServices {
  calls: CallStreams;
  lookup: RoutingLookup;
  policy: CallingPolicy;
  urls: WebhookUrls;
  formOf(request: { body: unknown; headers: Record<string, unknown> }): WebhookForm;
}

/** Call states in which the caller has already left (an action URL is then only a notification). */
const CALLER_GONE = new Set(['completed', 'canceled', 'failed', 'busy', 'no-answer']);

/**
 * The webhooks Telnyx asks "what now?": a new inbound call (TeXML application voice_url), a parked
 * outbound call from a web phone (credential connection), the end of a `<Dial>`, the end of a voicemail.
 * Each answers TeXML and records the decision on the call's stream.
 */
export function registerCallRoutingRoutes(app: FastifyInstance, services: CallRoutingServices): void {
  app.post('/webhooks/telnyx/inbound', (request, reply) => answerInboundCall(services, request, reply));
  app.post('/webhooks/telnyx/outbound', (request, reply) => answerOutboundCall(services, request, reply));
  app.post('/webhooks/telnyx/dial-result', (request, reply) => answerDialResult(services, request, reply));
  app.post('/webhooks/telnyx/voicemail-done', async (request, reply) => {
    requireFields(services.formOf(request), ['CallSid']);
    return texml(reply, goodbyeTexml());
  });
  app.post('/webhooks/telnyx/fallback', async (request, reply) => {
    requireFields(services.formOf(request), ['CallSid']);
    return texml(reply, fallbackTexml());
  });
}

/** A new inbound call: ring the agent who holds the number, take a voicemail, or refuse. */
async function answerInboundCall(
  services: CallRoutingServices,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { calls, lookup, urls } = services;
  const form = services.formOf(request);
  const { CallSid, From, To } = requireFields(form, ['CallSid', 'From', 'To']);
  // An inbound call is to one of our numbers; a longer `To` is none of them and no column holds it.
  if (To.length > CALL_FIELD_LIMITS.ourNumber)
    throw new MalformedWebhookError(`Invalid webhook field To: not a phone number of ours`);
  const decision = decideInboundRoute(await lookup.numberEntry(To));
  const base = { callSid: CallSid, direction: 'inbound' as const, ourNumber: To, otherParty: From };
  switch (decision.kind) {
    case 'dial_agent':
      await calls.execute(
        CallSid,
        {
          type: 'RouteCall',
          data: {
            ...base,
            accountId: decision.accountId,
            agentId: decision.agentId,
            route: 'agent',
            dialTarget: decision.sipUri,
            voicemailReason: null,
          },
        },
        'telnyx',
        request.id,
      );
      return texml(reply, dialAgentTexml(urls, decision.sipUri));
    case 'voicemail': {
      await calls.execute(
        CallSid,
        {
          type: 'RouteCall',
          data: {
            ...base,
            accountId: decision.accountId,
            agentId: decision.agentId,
            route: 'voicemail',
            dialTarget: null,
            voicemailReason: decision.reason,
          },
        },
        'telnyx',
        request.id,
      );
      const name = decision.agentId
        ? await lookup.agentName(decision.agentId)
        : await lookup.accountName(decision.accountId);
      return texml(reply, voicemailTexml(urls, name));
    }
    case 'refuse':
      await calls.execute(
        CallSid,
        {
          type: 'RefuseCall',
          data: {
            ...base,
            accountId: null,
            agentId: null,
            reason: decision.reason,
            country: null,
            message: REFUSAL_MESSAGES[decision.reason],
          },
        },
        'telnyx',
        request.id,
      );
      return texml(reply, refusalTexml(decision.reason));
  }
}

/** A web phone's outbound call, parked on the credential connection: dial out with the business caller ID, or refuse. */
async function answerOutboundCall(
  services: CallRoutingServices,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { calls, lookup, policy, urls } = services;
  const form = services.formOf(request);
  const { CallSid, From, To, ConnectionId } = requireFields(form, ['CallSid', 'From', 'To', 'ConnectionId']);
  // Only the credential the web phone logged in with says who calls, and only on its own account's
  // connection; the caller id is always that agent's number, whatever the browser asked to show.
  const sipUsername = callingSipUsername(From);
  const credentialAgent = sipUsername ? await lookup.agentBySipUsername(sipUsername) : null;
  const setup = credentialAgent ? await policy.outboundSetup(credentialAgent.accountId) : null;
  const agent = credentialAgent && setup?.credentialConnectionId === ConnectionId ? credentialAgent : null;
  const agentNumber = agent ? await lookup.numberOfAgent(agent) : null;
  const allowedCountries = agent ? setup!.countries : null;
  const decision = decideOutboundRoute({ agent, agentNumber, allowedCountries, to: To });
  const base = {
    callSid: CallSid,
    direction: 'outbound' as const,
    accountId: agent?.accountId ?? null,
    agentId: agent?.userId ?? null,
  };
  if (decision.kind === 'refuse') {
    await calls.execute(
      CallSid,
      {
        type: 'RefuseCall',
        data: {
          ...base,
          ourNumber: agentNumber,
          otherParty: decision.destination,
          reason: decision.reason,
          country: decision.country,
          message: REFUSAL_MESSAGES[decision.reason],
        },
      },
      'telnyx',
      request.id,
    );
    request.log.info({ callSid: CallSid, reason: decision.reason, country: decision.country }, 'outbound call refused');
    return texml(reply, refusalTexml(decision.reason));
  }
  await calls.execute(
    CallSid,
    {
      type: 'RouteCall',
      data: {
        ...base,
        accountId: agent!.accountId,
        agentId: agent!.userId,
        ourNumber: decision.callerId,
        otherParty: decision.destination,
        route: 'number',
        dialTarget: decision.destination,
        voicemailReason: null,
      },
    },
    'telnyx',
    request.id,
  );
  return texml(reply, dialNumberTexml(urls, decision.destination, decision.callerId));
}

/** The end of a `<Dial>`: hang up, or take a voicemail when nobody answered. */
async function answerDialResult(
  services: CallRoutingServices,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { calls, lookup, urls } = services;
  const form = services.formOf(request);
  const { CallSid, DialCallStatus } = requireFields(form, ['CallSid', 'DialCallStatus']);
  const { state } = await calls.execute(
    CallSid,
    {
      type: 'RecordDialResult',
      data: {
        callSid: CallSid,
        dialCallSid: optionalText(form, 'DialCallSid') ?? `${CallSid}:dial`,
        dialCallStatus: DialCallStatus,
        dialCallDurationSec: optionalInteger(form, 'DialCallDuration') ?? 0,
        at: new Date().toISOString(),
        callerStillOnLine: !CALLER_GONE.has(form['CallStatus'] ?? ''),
      },
    },
    'telnyx',
    request.id,
  );
  if (!state.sentToVoicemail) return texml(reply, hangupTexml());
  return texml(reply, voicemailTexml(urls, state.agentId ? await lookup.agentName(state.agentId) : null));
}

function texml(reply: FastifyReply, document: string): FastifyReply {
  return reply.type('application/xml; charset=utf-8').send(document);
}
