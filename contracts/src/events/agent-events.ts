import { Type, type Static } from '@sinclair/typebox';
import { SealedSecretSchema } from './account-events';

/**
 * Events of the `agent-{userId}` stream: the agent's SIP identity at Telnyx. The SIP password is only
 * ever stored sealed; the SIP username is not a secret (it is how calls reach the agent).
 */

export const agentStreamName = (userId: string): string => `agent-${userId}`;
export const AGENT_STREAM_PREFIX = 'agent-';

export const TelephonyCredentialCreatedSchema = Type.Object({
  userId: Type.String(),
  accountId: Type.String(),
  credentialId: Type.String(),
  /** The credential connection the credential belongs to. */
  connectionId: Type.String(),
  sipUsername: Type.String(),
  sipPassword: SealedSecretSchema,
  /** True when the credential already existed at Telnyx and was taken over rather than created. */
  adopted: Type.Boolean(),
});

export const AgentEventSchemas = {
  TelephonyCredentialCreated: TelephonyCredentialCreatedSchema,
} as const;

type Schemas = typeof AgentEventSchemas;
export type AgentEventType = keyof Schemas;
export type AgentEvent = { [K in AgentEventType]: { type: K; data: Static<Schemas[K]> } }[AgentEventType];
export type AgentEventData<K extends AgentEventType> = Static<Schemas[K]>;

export const isAgentEventType = (type: string): type is AgentEventType => Object.hasOwn(AgentEventSchemas, type);
