import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { WebRtcConfig } from '../../platform/config/config';
import { VoiceCredentialsSchema } from '@curbe-voice/contracts/api/voice';
import type { EventStore } from '@curbe-voice/event-store';
import type { AccountRegistry } from '../accounts';
import { agentAccess } from '../../platform/sessions/access-policy';
import { AttemptLimiter } from '../../platform/http/attempt-limiter';
import { tooManyAttempts } from '../../platform/http/too-many-attempts';
import { requireUser } from '../../platform/sessions/session-user';
import { TelnyxPermanentError, TelnyxTransientError } from '../../platform/telnyx/telnyx-errors';
import type { TelnyxGateway } from '../../platform/telnyx/telnyx-gateway';
import { loadAgentCredential } from './agent-credential';

const ErrorResponse = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  reason: Type.Optional(Type.String()),
});

/** Token requests per agent per minute: a phone needs one every few hours, a loop needs stopping. */
export const VOICE_TOKEN_LIMIT = { limit: 10, windowMs: 60_000 } as const;

export interface VoiceCredentialsRouteDeps {
  eventStore: EventStore;
  accounts: AccountRegistry;
  telnyx: { webrtc: WebRtcConfig };
  telnyxGateway: Pick<TelnyxGateway, 'createTelephonyToken'>;
}

/** `GET /api/voice/credentials`: a fresh WebRTC login token for the signed-in agent. Never the SIP password. */
export const voiceCredentialsRoutes: FastifyPluginAsyncTypebox<{ deps: VoiceCredentialsRouteDeps }> = async (
  app,
  { deps },
) => {
  const limiter = new AttemptLimiter(VOICE_TOKEN_LIMIT);
  // TELNYX_RTC_HOST / TELNYX_ICE_SERVERS; nothing set leaves the browser SDK on Telnyx's own gateway.
  const connection = deps.telnyx.webrtc;

  app.get(
    '/api/voice/credentials',
    {
      onRequest: agentAccess,
      schema: {
        response: {
          200: VoiceCredentialsSchema,
          403: ErrorResponse,
          409: ErrorResponse,
          429: ErrorResponse,
          502: ErrorResponse,
          503: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const agent = requireUser(request);
      reply.header('cache-control', 'no-store');
      const limit = limiter.hit(agent.userId);
      if (!limit.allowed) {
        return tooManyAttempts(reply, limit, 'Too many phone token requests. Wait a minute and try again.');
      }
      const credential = await loadAgentCredential(deps.eventStore, agent.userId);
      const account = credential?.accountId === agent.accountId ? await deps.accounts.get(agent.accountId) : null;
      if (!credential || !account) {
        return reply.code(409).send({
          statusCode: 409,
          error: 'Conflict',
          message: 'Activate the phone service for your agency first: you have no phone line yet.',
          reason: 'not_activated',
        });
      }
      try {
        const apiKey = deps.accounts.openApiKey(account);
        const { token, expiresAt } = await deps.telnyxGateway.createTelephonyToken(apiKey, credential.credentialId);
        request.log.info({ userId: agent.userId, credentialId: credential.credentialId }, 'phone token issued');
        return { token, sip_username: credential.sipUsername, expires_at: expiresAt.toISOString(), connection };
      } catch (error) {
        if (error instanceof TelnyxTransientError) {
          request.log.warn({ err: error }, 'Telnyx unavailable for a phone token');
          return reply.code(503).send({
            statusCode: 503,
            error: 'Service Unavailable',
            message: 'Telnyx is not answering right now; try again shortly',
            reason: 'telnyx_unavailable',
          });
        }
        if (error instanceof TelnyxPermanentError) {
          request.log.warn({ err: error }, 'Telnyx refused a phone token');
          return reply.code(502).send({
            statusCode: 502,
            error: 'Bad Gateway',
            message: `Telnyx refused to issue a phone token: ${error.message}`,
            reason: 'telnyx_refused',
          });
        }
        throw error;
      }
    },
  );
};
