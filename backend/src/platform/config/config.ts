import type { LogLevel } from './config-schema';

/** Where the backend gets Telnyx from: the real API, or the simulator it starts beside itself. */
export type TelnyxConfig =
  | {
      mode: 'telnyx';
      apiKey: string;
      /** Base64 Ed25519 key that signs Telnyx's webhooks. */
      publicKey: string;
      apiBaseUrl: string;
    }
  | {
      mode: 'simulator';
      /** 0 picks a free port. */
      port: number;
      /** The simulator's root API key; it makes one up when unset. */
      apiKey?: string;
    };

export type ProjectionsMode = 'in-process' | 'external';

/** The backend's typed configuration, built once at start from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Base of the webhook URLs given to Telnyx, without a trailing slash. */
  publicUrl: string;
  logLevel: LogLevel;
  /** Unset: the embedded SQLite event store under `dataDir`. */
  eventStoreConnectionString?: string;
  /** Unset: embedded SQLite read models under `dataDir`. */
  databaseUrl?: string;
  telnyx: TelnyxConfig;
  /** Keys that encrypt stored secrets (`keyId:base64key,…`). Unset: a key file generated under `dataDir`. */
  secretKeys?: string;
  /** Keys that sign session cookies (`secret,…`). Unset: a secret generated under `dataDir`. */
  sessionSecret?: string;
  /** Password of the demo account's members, seeded in embedded mode (with the simulator). */
  demoPassword: string;
  /** Bearer token `GET /metrics` requires; unset: the metrics are open (keep them on a private network). */
  metricsToken?: string;
  /** Our copies of recordings older than this many days are deleted; unset: kept forever. */
  recordingRetentionDays?: number;
  /** `in-process`: this backend runs the projectors. `external`: a projections worker does, beside it. */
  projections: ProjectionsMode;
  /** Port of the projections worker's `/health`; unset: the worker serves none. */
  projectionsHealthPort?: number;
}
