import type { LogLevel } from './config-schema';

/** One ICE server the browser's WebRTC peer connection may use. */
export interface IceServer {
  urls: string;
}

/** Where the browsers' phones sign in to Telnyx's WebRTC signalling. Unset fields: the Telnyx SDK's defaults. */
export interface WebRtcConfig {
  /** A ws(s):// signalling URL, e.g. a simulator's gateway. */
  host?: string;
  /** An empty list connects peers directly (no STUN/TURN), as a gateway on the same host needs. */
  iceServers?: IceServer[];
}

/** The Telnyx API the backend talks to (the real one, or anything that speaks its API, like the simulator). */
export interface TelnyxConfig {
  apiKey: string;
  /** Base64 Ed25519 key that signs Telnyx's webhooks. */
  publicKey: string;
  apiBaseUrl: string;
  /**
   * `rollup_billing` of the managed accounts we create: true charges every agency's calls to our (manager)
   * balance. Telnyx fixes it at creation (changing it later needs Telnyx support).
   */
  rollupBilling: boolean;
  webrtc: WebRtcConfig;
}

export type ProjectionsMode = 'in-process' | 'external';

/** What every process on the stores needs (backend, projections worker, audit CLI), built once from the environment. */
export interface StorageConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Base of the webhook URLs given to Telnyx, without a trailing slash. */
  publicUrl: string;
  /** The built web app the backend serves; unset: `frontend/dist` of this checkout. */
  webAppDir?: string;
  logLevel: LogLevel;
  /** Unset: the embedded SQLite event store under `dataDir`. */
  eventStoreConnectionString?: string;
  /** Unset: embedded SQLite read models under `dataDir`. */
  databaseUrl?: string;
  /** Keys that encrypt stored secrets (`keyId:base64key,…`). Unset: a key file generated under `dataDir`. */
  secretKeys?: string;
  /** Keys that sign session cookies (`secret,…`). Unset: a secret generated under `dataDir`. */
  sessionSecret?: string;
  /** Whether start-up seeds the "Demo Insurance" account (SEED_DEMO_ACCOUNT=true, as embedded mode does). */
  seedDemoAccount: boolean;
  /** Password of the demo account's members, when it is seeded. */
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

/** The backend's configuration: the stores' settings and the Telnyx it works against. */
export interface Config extends StorageConfig {
  telnyx: TelnyxConfig;
}
