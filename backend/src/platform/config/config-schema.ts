import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The environment variables the backend reads, as TypeBox schemas. `loadConfig` converts the raw
 * strings (numbers become numbers), validates them against this schema and reports each failure with
 * the variable's `description`, so a bad value is answered with what a good one looks like.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const httpUrl = (example: string) =>
  Type.String({ pattern: '^https?://[^\\s/?#]+[^\\s]*$', description: `an http(s) URL such as ${example}` });

export const environmentVariables = {
  PORT: Type.Integer({ minimum: 1, maximum: 65535, description: 'an integer 1-65535' }),
  HOST: Type.String({ minLength: 1, description: 'a host name or IP address to listen on' }),
  DATA_DIR: Type.String({ minLength: 1, description: 'a directory path' }),
  PUBLIC_URL: httpUrl('https://voice.example.com'),
  WEB_APP_DIR: Type.String({ minLength: 1, description: 'a directory path holding the built web app (index.html)' }),
  LOG_LEVEL: Type.Union(
    LOG_LEVELS.map((level) => Type.Literal(level)),
    { description: `one of ${LOG_LEVELS.join(', ')}` },
  ),
  EVENTSTORE_CONNECTION_STRING: Type.String({
    pattern: '^(esdb|kurrentdb|kdb)(\\+discover)?://\\S+$',
    description: 'an EventStoreDB connection string such as esdb://localhost:2113?tls=false',
  }),
  DATABASE_URL: Type.String({
    pattern: '^postgres(ql)?://\\S+$',
    description: 'a PostgreSQL URL such as postgresql://user:password@host:5432/database',
  }),
  TELNYX_API_KEY: Type.String({ pattern: '^\\S+$', description: 'a Telnyx v2 API key (no spaces)' }),
  TELNYX_PUBLIC_KEY: Type.String({
    // 32 raw bytes in base64 are always 43 characters and one '=' of padding.
    pattern: '^[A-Za-z0-9+/]{43}=$',
    description: 'the base64 Ed25519 public key shown in the Telnyx portal (44 characters ending in "=")',
  }),
  TELNYX_API_BASE_URL: httpUrl('https://api.telnyx.com/v2'),
  TELNYX_ROLLUP_BILLING: Type.Union([Type.Literal('true'), Type.Literal('false')], {
    description: 'true (agencies share the manager account balance) or false (each agency has its own balance)',
  }),
  TELNYX_RTC_HOST: Type.String({
    pattern: '^wss?://[^\\s/?#]+[^\\s]*$',
    description: 'a ws(s) URL of the WebRTC signalling server such as wss://rtc.telnyx.com',
  }),
  TELNYX_ICE_SERVERS: Type.String({
    pattern: '^(none|(stuns?|turns?):[^,\\s]+(\\s*,\\s*(stuns?|turns?):[^,\\s]+)*)$',
    description: 'none (direct connections) or a comma-separated list of stun:/turn: URLs',
  }),
  SECRET_KEYS: Type.String({
    pattern: '^[^:,\\s]+:[A-Za-z0-9+/]{43}=(\\s*,\\s*[^:,\\s]+:[A-Za-z0-9+/]{43}=)*$',
    description: 'a comma-separated list of keyId:base64key entries, each key 32 bytes (the first one encrypts)',
  }),
  SESSION_SECRET: Type.String({
    pattern: '^[^,\\s]{32,}(\\s*,\\s*[^,\\s]{32,})*$',
    description: 'a comma-separated list of secrets of at least 32 characters each (the first one signs sessions)',
  }),
  DEMO_PASSWORD: Type.String({ minLength: 8, description: 'at least 8 characters' }),
  SEED_DEMO_ACCOUNT: Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'true or false' }),
  METRICS_TOKEN: Type.String({
    pattern: '^\\S{16,}$',
    description: 'a bearer token of at least 16 characters without spaces',
  }),
  RECORDING_RETENTION_DAYS: Type.Integer({
    minimum: 1,
    maximum: 36500,
    description: 'a whole number of days 1-36500 (unset keeps recordings forever)',
  }),
  PROJECTIONS: Type.Union([Type.Literal('in-process'), Type.Literal('external')], {
    description:
      'in-process (the backend runs the projections) or external (a separate `npm run projections` worker does)',
  }),
  PROJECTIONS_HEALTH_PORT: Type.Integer({ minimum: 1, maximum: 65535, description: 'an integer 1-65535' }),
} satisfies Record<string, TSchema>;

export type EnvironmentVariable = keyof typeof environmentVariables;

export const EnvironmentSchema = Type.Partial(Type.Object(environmentVariables));
export type Environment = Static<typeof EnvironmentSchema>;
