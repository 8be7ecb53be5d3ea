import { Value } from '@sinclair/typebox/value';
import type { Config, TelnyxConfig } from './config';
import { EnvironmentSchema, environmentVariables, type Environment, type EnvironmentVariable } from './config-schema';

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Values that may hold credentials are never echoed back in an error message. */
const SECRET_VARIABLES: ReadonlySet<EnvironmentVariable> = new Set([
  'TELNYX_API_KEY',
  'TELNYX_SIM_API_KEY',
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
  TELNYX_SIM_PORT: 3100,
  DEMO_PASSWORD: 'curbe-demo',
  PROJECTIONS: 'in-process',
} as const;

/**
 * Reads the configuration from an environment (pure: pass `process.env` or a test's object).
 * Every problem is reported, not just the first, each naming the variable and what is wrong.
 * An empty variable counts as unset, as `KEY=` lines in env files usually mean "no value".
 */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const raw = pickKnownVariables(env);
  const converted = convertNumbers(raw);

  const errors = schemaErrors(converted, raw);
  if (converted.TELNYX_API_KEY !== undefined && converted.TELNYX_PUBLIC_KEY === undefined) {
    errors.push(
      'TELNYX_PUBLIC_KEY is required when TELNYX_API_KEY is set: it is the Ed25519 key that verifies Telnyx webhooks',
    );
  }
  if (errors.length > 0) return { ok: false, errors };

  const port = converted.PORT ?? DEFAULTS.PORT;
  const config: Config = {
    port,
    host: converted.HOST ?? DEFAULTS.HOST,
    dataDir: converted.DATA_DIR ?? DEFAULTS.DATA_DIR,
    publicUrl: withoutTrailingSlash(converted.PUBLIC_URL ?? `http://localhost:${port}`),
    logLevel: converted.LOG_LEVEL ?? DEFAULTS.LOG_LEVEL,
    telnyx: telnyxConfig(converted),
    demoPassword: converted.DEMO_PASSWORD ?? DEFAULTS.DEMO_PASSWORD,
    projections: converted.PROJECTIONS ?? DEFAULTS.PROJECTIONS,
  };
  if (converted.EVENTSTORE_CONNECTION_STRING !== undefined) {
    config.eventStoreConnectionString = converted.EVENTSTORE_CONNECTION_STRING;
  }
  if (converted.DATABASE_URL !== undefined) config.databaseUrl = converted.DATABASE_URL;
  if (converted.SECRET_KEYS !== undefined) config.secretKeys = converted.SECRET_KEYS;
  if (converted.SESSION_SECRET !== undefined) config.sessionSecret = converted.SESSION_SECRET;
  if (converted.METRICS_TOKEN !== undefined) config.metricsToken = converted.METRICS_TOKEN;
  if (converted.RECORDING_RETENTION_DAYS !== undefined) config.recordingRetentionDays = converted.RECORDING_RETENTION_DAYS;
  if (converted.PROJECTIONS_HEALTH_PORT !== undefined) config.projectionsHealthPort = converted.PROJECTIONS_HEALTH_PORT;
  return { ok: true, config };
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
  return converted as Environment;
}

function schemaErrors(converted: Environment, raw: Partial<Record<EnvironmentVariable, string>>): string[] {
  const messages = new Map<EnvironmentVariable, string>();
  for (const error of Value.Errors(EnvironmentSchema, converted)) {
    const name = error.path.replace(/^\//, '') as EnvironmentVariable;
    if (messages.has(name) || !(name in environmentVariables)) continue;
    messages.set(name, `${name} must be ${environmentVariables[name].description}, got ${describeValue(name, raw[name])}`);
  }
  for (const name of ['PUBLIC_URL', 'TELNYX_API_BASE_URL'] as const) {
    const value = converted[name];
    if (value !== undefined && !messages.has(name) && !URL.canParse(value)) {
      messages.set(name, `${name} must be ${environmentVariables[name].description}, got ${describeValue(name, raw[name])}`);
    }
  }
  return [...messages.values()];
}

function describeValue(name: EnvironmentVariable, value: string | undefined): string {
  if (SECRET_VARIABLES.has(name)) return `a value of ${value?.length ?? 0} characters (not shown: it may hold a secret)`;
  return JSON.stringify(value);
}

function telnyxConfig(env: Environment): TelnyxConfig {
  if (env.TELNYX_API_KEY !== undefined && env.TELNYX_PUBLIC_KEY !== undefined) {
    return {
      mode: 'telnyx',
      apiKey: env.TELNYX_API_KEY,
      publicKey: env.TELNYX_PUBLIC_KEY,
      apiBaseUrl: withoutTrailingSlash(env.TELNYX_API_BASE_URL ?? DEFAULTS.TELNYX_API_BASE_URL),
    };
  }
  const simulator: TelnyxConfig = { mode: 'simulator', port: env.TELNYX_SIM_PORT ?? DEFAULTS.TELNYX_SIM_PORT };
  if (env.TELNYX_SIM_API_KEY !== undefined) simulator.apiKey = env.TELNYX_SIM_API_KEY;
  return simulator;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
