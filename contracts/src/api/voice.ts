import { Type, type Static } from '@sinclair/typebox';

/**
 * What the web phone logs in with (`GET /api/voice/credentials`): the backend validates its
 * response against this schema and the web app reads it through its `Static` type.
 */
export const VoiceCredentialsSchema = Type.Object({
  /** Short-lived JWT the web phone logs in with (`login_token`). */
  token: Type.String(),
  sip_username: Type.String(),
  expires_at: Type.String({ format: 'date-time' }),
  /**
   * Where the web phone connects. Empty against the real Telnyx (the SDK's defaults); the local
   * simulator's gateway and no ICE servers in embedded mode, so one frontend build serves both.
   */
  connection: Type.Object({
    host: Type.Optional(Type.String()),
    iceServers: Type.Optional(Type.Array(Type.Object({ urls: Type.String() }))),
  }),
});
export type VoiceCredentials = Static<typeof VoiceCredentialsSchema>;
