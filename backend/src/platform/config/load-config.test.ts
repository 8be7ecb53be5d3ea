import { describe, expect, it } from 'vitest';
import { loadConfig, loadStorageConfig, type ConfigResult } from './load-config';

const PUBLIC_KEY = Buffer.alloc(32, 7).toString('base64');
/** The least a backend starts with: the Telnyx key pair. */
const TELNYX = { TELNYX_API_KEY: 'KEY0123', TELNYX_PUBLIC_KEY: PUBLIC_KEY };

function configOf(env: Record<string, string>) {
  const result = loadConfig({ ...TELNYX, ...env });
  if (!result.ok) throw new Error(`expected a valid configuration, got: ${result.errors.join('; ')}`);
  return result.config;
}

function errorsOf(result: ConfigResult<unknown>): string[] {
  if (result.ok) throw new Error('expected configuration errors');
  return result.errors;
}

describe('loadConfig', () => {
  it('needs nothing but the Telnyx key pair', () => {
    expect(configOf({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: './data',
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      telnyx: {
        apiKey: 'KEY0123',
        publicKey: PUBLIC_KEY,
        apiBaseUrl: 'https://api.telnyx.com/v2',
        rollupBilling: true,
        webrtc: {},
      },
      seedDemoAccount: false,
      demoPassword: 'curbe-demo',
      projections: 'in-process',
    });
  });

  it('refuses to run without the Telnyx key pair, saying what each key is', () => {
    expect(errorsOf(loadConfig({}))).toEqual([
      'TELNYX_API_KEY is required: it is the API key of the root Telnyx account (or of a simulator standing in for it)',
      'TELNYX_PUBLIC_KEY is required: it is the Ed25519 key that verifies Telnyx webhooks',
    ]);
  });

  it("reads the stores' settings without Telnyx for the processes that never call it", () => {
    const result = loadStorageConfig({ DATA_DIR: '/srv/voice', PROJECTIONS: 'external' });
    expect(result).toMatchObject({ ok: true, config: { dataDir: '/srv/voice', projections: 'external' } });
    expect(result.ok && 'telnyx' in result.config).toBe(false);
    expect(errorsOf(loadStorageConfig({ PORT: 'abc' }))).toEqual(['PORT must be an integer 1-65535, got "abc"']);
  });

  it('derives the public URL from the port and trims a trailing slash from a given one', () => {
    expect(configOf({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(configOf({ PUBLIC_URL: 'https://voice.example.com/' }).publicUrl).toBe('https://voice.example.com');
  });

  it('reads every variable', () => {
    const config = configOf({
      PORT: '4000',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/curbe-voice',
      PUBLIC_URL: 'https://voice.example.com',
      LOG_LEVEL: 'debug',
      EVENTSTORE_CONNECTION_STRING: 'esdb://eventstore:2113?tls=false',
      DATABASE_URL: 'postgresql://voice:pw@postgres:5432/voice',
      TELNYX_API_KEY: 'KEY0123',
      TELNYX_PUBLIC_KEY: PUBLIC_KEY,
      TELNYX_API_BASE_URL: 'https://api.telnyx.test/v2/',
      TELNYX_RTC_HOST: 'wss://rtc.telnyx.test',
      TELNYX_ICE_SERVERS: 'stun:stun.telnyx.test:3478, turn:turn.telnyx.test:3478',
      TELNYX_ROLLUP_BILLING: 'false',
      SEED_DEMO_ACCOUNT: 'true',
      DEMO_PASSWORD: 'a-long-demo-password',
    });
    expect(config).toEqual({
      port: 4000,
      host: '127.0.0.1',
      dataDir: '/var/lib/curbe-voice',
      publicUrl: 'https://voice.example.com',
      logLevel: 'debug',
      eventStoreConnectionString: 'esdb://eventstore:2113?tls=false',
      databaseUrl: 'postgresql://voice:pw@postgres:5432/voice',
      telnyx: {
        apiKey: 'KEY0123',
        publicKey: PUBLIC_KEY,
        apiBaseUrl: 'https://api.telnyx.test/v2',
        rollupBilling: false,
        webrtc: {
          host: 'wss://rtc.telnyx.test',
          iceServers: [{ urls: 'stun:stun.telnyx.test:3478' }, { urls: 'turn:turn.telnyx.test:3478' }],
        },
      },
      seedDemoAccount: true,
      demoPassword: 'a-long-demo-password',
      projections: 'in-process',
    });
  });

  it('points the browsers at another WebRTC gateway, with no ICE servers when told none', () => {
    expect(configOf({ TELNYX_RTC_HOST: 'ws://127.0.0.1:3100', TELNYX_ICE_SERVERS: 'none' }).telnyx.webrtc).toEqual({
      host: 'ws://127.0.0.1:3100',
      iceServers: [],
    });
  });

  it('seeds the demo account only when told to', () => {
    expect(configOf({}).seedDemoAccount).toBe(false);
    expect(configOf({ SEED_DEMO_ACCOUNT: 'false' }).seedDemoAccount).toBe(false);
    expect(configOf({ SEED_DEMO_ACCOUNT: 'true' }).seedDemoAccount).toBe(true);
  });

  it('reads the keys that encrypt stored secrets', () => {
    const keys = `k2:${PUBLIC_KEY}, k1:${Buffer.alloc(32, 1).toString('base64')}`;
    expect(configOf({ SECRET_KEYS: keys }).secretKeys).toBe(keys);
    expect(errorsOf(loadConfig({ ...TELNYX, SECRET_KEYS: 'k1:c2hvcnQ=' }))).toEqual([
      'SECRET_KEYS must be a comma-separated list of keyId:base64key entries, each key 32 bytes (the first one encrypts), got a value of 11 characters (not shown: it may hold a secret)',
    ]);
  });

  it('reads the session secrets and refuses a short one without echoing it', () => {
    const secrets = `${'n'.repeat(44)}, ${'o'.repeat(32)}`;
    expect(configOf({ SESSION_SECRET: secrets }).sessionSecret).toBe(secrets);
    expect(configOf({}).sessionSecret).toBeUndefined();
    expect(errorsOf(loadConfig({ ...TELNYX, SESSION_SECRET: 'too-short' }))).toEqual([
      'SESSION_SECRET must be a comma-separated list of secrets of at least 32 characters each (the first one signs sessions), got a value of 9 characters (not shown: it may hold a secret)',
    ]);
  });

  it('refuses a demo password shorter than 8 characters without echoing it', () => {
    expect(errorsOf(loadConfig({ ...TELNYX, DEMO_PASSWORD: 'short' }))).toEqual([
      'DEMO_PASSWORD must be at least 8 characters, got a value of 5 characters (not shown: it may hold a secret)',
    ]);
  });

  it('runs the projections in-process unless told a separate worker runs them', () => {
    expect(configOf({}).projections).toBe('in-process');
    expect(configOf({ PROJECTIONS: 'external', PROJECTIONS_HEALTH_PORT: '3001' })).toMatchObject({
      projections: 'external',
      projectionsHealthPort: 3001,
    });
    expect(errorsOf(loadConfig({ ...TELNYX, PROJECTIONS: 'elsewhere' }))).toEqual([
      'PROJECTIONS must be in-process (the backend runs the projections) or external (a separate `npm run projections` worker does), got "elsewhere"',
    ]);
  });

  it('treats empty variables as unset', () => {
    expect(configOf({ PORT: '', TELNYX_RTC_HOST: '  ', DATABASE_URL: '' })).toEqual(configOf({}));
    expect(errorsOf(loadConfig({ TELNYX_API_KEY: '  ', TELNYX_PUBLIC_KEY: PUBLIC_KEY }))[0]).toMatch(
      /^TELNYX_API_KEY is required/,
    );
  });

  it.each([
    ['PORT', 'abc', 'PORT must be an integer 1-65535, got "abc"'],
    ['PORT', '0', 'PORT must be an integer 1-65535, got "0"'],
    ['PORT', '65536', 'PORT must be an integer 1-65535, got "65536"'],
    ['PORT', '3000.5', 'PORT must be an integer 1-65535, got "3000.5"'],
    ['PORT', '1e3', 'PORT must be an integer 1-65535, got "1e3"'],
    [
      'TELNYX_RTC_HOST',
      'https://rtc.telnyx.com',
      'TELNYX_RTC_HOST must be a ws(s) URL of the WebRTC signalling server such as wss://rtc.telnyx.com, got "https://rtc.telnyx.com"',
    ],
    [
      'TELNYX_ICE_SERVERS',
      'stun.example.com',
      'TELNYX_ICE_SERVERS must be none (direct connections) or a comma-separated list of stun:/turn: URLs, got "stun.example.com"',
    ],
    ['SEED_DEMO_ACCOUNT', 'yes', 'SEED_DEMO_ACCOUNT must be true or false, got "yes"'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [
      'PUBLIC_URL',
      'voice.example.com',
      'PUBLIC_URL must be an http(s) URL such as https://voice.example.com, got "voice.example.com"',
    ],
    [
      'PUBLIC_URL',
      'http://[::1',
      'PUBLIC_URL must be an http(s) URL such as https://voice.example.com, got "http://[::1"',
    ],
    [
      'TELNYX_API_BASE_URL',
      'ftp://api',
      'TELNYX_API_BASE_URL must be an http(s) URL such as https://api.telnyx.com/v2, got "ftp://api"',
    ],
    [
      'TELNYX_PUBLIC_KEY',
      'short',
      'TELNYX_PUBLIC_KEY must be the base64 Ed25519 public key shown in the Telnyx portal (44 characters ending in "="), got "short"',
    ],
  ])('rejects %s=%s with a message naming the variable', (name, value, message) => {
    expect(errorsOf(loadConfig({ ...TELNYX, [name]: value }))).toEqual([message]);
  });

  it('never echoes values that may hold credentials', () => {
    const errors = errorsOf(
      loadConfig({
        DATABASE_URL: 'mysql://root:hunter2@db/voice',
        EVENTSTORE_CONNECTION_STRING: 'http://admin:changeit@esdb',
        TELNYX_API_KEY: 'KEY with spaces',
        TELNYX_PUBLIC_KEY: PUBLIC_KEY,
      }),
    );
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^EVENTSTORE_CONNECTION_STRING must be an EventStoreDB connection string/);
    expect(errors[1]).toMatch(/^DATABASE_URL must be a PostgreSQL URL/);
    expect(errors[2]).toMatch(/^TELNYX_API_KEY must be a Telnyx v2 API key/);
    expect(errors.join('\n')).not.toMatch(/hunter2|changeit|with spaces/);
  });

  it('requires the webhook public key with a Telnyx API key', () => {
    expect(errorsOf(loadConfig({ TELNYX_API_KEY: 'KEY0123' }))).toEqual([
      'TELNYX_PUBLIC_KEY is required: it is the Ed25519 key that verifies Telnyx webhooks',
    ]);
  });

  it('reports every invalid variable at once', () => {
    expect(errorsOf(loadConfig({ ...TELNYX, PORT: 'x', LOG_LEVEL: 'y', TELNYX_RTC_HOST: 'z' }))).toHaveLength(3);
  });
});
