import { Value } from '@sinclair/typebox/value';
import type { Config, IceServer, StorageConfig, TelnyxConfig } from './config';
import { EnvironmentSchema, environmentVariables, type Environment, type EnvironmentVariable } from './config-schema';

export type ConfigResult<C = Config> = { ok: true; config: C } | { ok: false; errors: string[] };

/** Values that may hold credentials are never echoed back in an error message. */
const SECRET_VARIABLES: ReadonlySet<EnvironmentVariable> = new Set([
  'TELNYX_API_KEY',
  'DATABASE_URL',
  'EVENTSTORE_CONNECTION_STRING',
  'SECRET_KEYS',
  'SESSION_SECRET',
  'DEMO_PASSWORD',
  'METRICS_TOKEN',
]);

export const DEFAULTS = {
  PORT: 3000,
  HOST: '0.0.0.0',
  DATA_DIR: './data',
  LOG_LEVEL: 'info',
  TELNYX_API_BASE_URL: 'https://api.telnyx.com/v2',
  DEMO_PASSWORD: 'curbe-demo',
  PROJECTIONS: 'in-process',
} as const;

/**
 * Reads the backend's configuration from an environment (pure: pass `process.env` or a test's object).
 * Every problem is reported, not just the first, each naming the variable and what is wrong.
 * An empty variable counts as unset, as `KEY=` lines in env files usually mean "no value".
 * The backend cannot run without Telnyx: the API key and the webhook public key are required.
 */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = parseEnvironment(env);
  const { converted, errors } = parsed;
  for (const [name, purpose] of [
    ['TELNYX_API_KEY', 'the API key of the root Telnyx account (or of a simulator standing in for it)'],
    ['TELNYX_PUBLIC_KEY', 'the Ed25519 key that verifies Telnyx webhooks'],
  ] as const) {
    if (converted[name] === undefined) errors.push(`${name} is required: it is ${purpose}`);
  }
  if (!parsed.storage || errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: {
      ...parsed.storage,
      telnyx: telnyxConfig(converted, converted.TELNYX_API_KEY!, converted.TELNYX_PUBLIC_KEY!),
    },
  };
}

/** The stores' settings alone, for processes that never talk to Telnyx (projections worker, audit CLI). */
export function loadStorageConfig(env: Record<string, string | undefined>): ConfigResult<StorageConfig> {
  const { storage, errors } = parseEnvironment(env);
  return storage && errors.length === 0 ? { ok: true, config: storage } : { ok: false, errors };
}

function parseEnvironment(env: Record<string, string | undefined>): {
  converted: Environment;
  errors: string[];
  storage?: StorageConfig;
} {
  const raw = pickKnownVariables(env);
  const converted = convertNumbers(raw);
  const errors = schemaErrors(converted, raw);
  if (errors.length > 0) return { converted, errors };

  const port = converted.PORT ?? DEFAULTS.PORT;
  const storage: StorageConfig = {
    port,
    host: converted.HOST ?? DEFAULTS.HOST,
    dataDir: converted.DATA_DIR ?? DEFAULTS.DATA_DIR,
    publicUrl: withoutTrailingSlash(converted.PUBLIC_URL ?? `http://localhost:${port}`),
    logLevel: converted.LOG_LEVEL ?? DEFAULTS.LOG_LEVEL,
    seedDemoAccount: converted.SEED_DEMO_ACCOUNT === 'true',
    demoPassword: converted.DEMO_PASSWORD ?? DEFAULTS.DEMO_PASSWORD,
    projections: converted.PROJECTIONS ?? DEFAULTS.PROJECTIONS,
  };
  if (converted.EVENTSTORE_CONNECTION_STRING !== undefined) {
    storage.eventStoreConnectionString = converted.EVENTSTORE_CONNECTION_STRING;
  }
  if (converted.DATABASE_URL !== undefined) storage.databaseUrl = converted.DATABASE_URL;
  if (converted.WEB_APP_DIR !== undefined) storage.webAppDir = converted.WEB_APP_DIR;
  if (converted.SECRET_KEYS !== undefined) storage.secretKeys = converted.SECRET_KEYS;
  if (converted.SESSION_SECRET !== undefined) storage.sessionSecret = converted.SESSION_SECRET;
  if (converted.METRICS_TOKEN !== undefined) storage.metricsToken = converted.METRICS_TOKEN;
  if (converted.RECORDING_RETENTION_DAYS !== undefined)
    storage.recordingRetentionDays = converted.RECORDING_RETENTION_DAYS;
  if (converted.PROJECTIONS_HEALTH_PORT !== undefined)
    storage.projectionsHealthPort = converted.PROJECTIONS_HEALTH_PORT;
  return { converted, errors, storage };
}

function pickKnownVariables(env: Record<string, string | undefined>): Partial<Record<EnvironmentVariable, string>> {
  const picked: Partial<Record<EnvironmentVariable, string>> = {};
  for (const name of Object.keys(environmentVariables) as EnvironmentVariable[]) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') picked[name] = value.trim();
  }
  return picked;
}

/** Digits-only values of integer variables become numbers; anything else is left for the schema to reject. */
function convertNumbers(raw: Partial<Record<EnvironmentVariable, string>>): Environment {
  const converted: Record<string, string | number> = { ...raw };
  for (const [name, value] of Object.entries(raw)) {
    const schema = environmentVariables[name as EnvironmentVariable];
    if (schema.type === 'integer' && /^[0-9]{1,6}$/.test(value)) converted[name] = Number(value);
  }
  return converted;
}

function schemaErrors(converted: Environment, raw: Partial<Record<EnvironmentVariable, string>>): string[] {
  const messages = new Map<EnvironmentVariable, string>();
  for (const error of Value.Errors(EnvironmentSchema, converted)) {
    const name = error.path.replace(/^\//, '') as EnvironmentVariable;
    if (messages.has(name) || !(name in environmentVariables)) continue;
    messages.set(
      name,
      `${name} must be ${environmentVariables[name].description}, got ${describeValue(name, raw[name])}`,
    );
  }
  for (const name of ['PUBLIC_URL', 'TELNYX_API_BASE_URL', 'TELNYX_RTC_HOST'] as const) {
    const value = converted[name];
    if (value !== undefined && !messages.has(name) && !URL.canParse(value)) {
      messages.set(
        name,
        `${name} must be ${environmentVariables[name].description}, got ${describeValue(name, raw[name])}`,
      );
    }
  }
  return [...messages.values()];
}

function describeValue(name: EnvironmentVariable, value: string | undefined): string {
  if (SECRET_VARIABLES.has(name))
    return `a value of ${value?.length ?? 0} characters (not shown: it may hold a secret)`;
  return JSON.stringify(value);
}

function telnyxConfig(env: Environment, apiKey: string, publicKey: string): TelnyxConfig {
  const telnyx: TelnyxConfig = {
    apiKey,
    publicKey,
    apiBaseUrl: withoutTrailingSlash(env.TELNYX_API_BASE_URL ?? DEFAULTS.TELNYX_API_BASE_URL),
    // A platform that resells telephony bills its agencies itself; one shared balance means no agency's
    // calls stop because a balance of its own ran dry.
    rollupBilling: env.TELNYX_ROLLUP_BILLING !== 'false',
    webrtc: {},
  };
  if (env.TELNYX_RTC_HOST !== undefined) telnyx.webrtc.host = env.TELNYX_RTC_HOST;
  if (env.TELNYX_ICE_SERVERS !== undefined) telnyx.webrtc.iceServers = iceServersOf(env.TELNYX_ICE_SERVERS);
  return telnyx;
}

/** `none` is the empty list; otherwise one server per comma-separated URL. */
function iceServersOf(value: string): IceServer[] {
  if (value === 'none') return [];
  return value.split(',').map((url) => ({ urls: url.trim() }));
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
