/**
 * The backend's public API: what runs it (the server, the projections worker, the audit CLI), what
 * builds it (the composition root, the HTTP app, the configuration) and the demo account's identity.
 * Internals that only tests may reach are in `@curbe-voice/backend/testing`.
 */
export { startServer, type RunningServer } from './server';
export {
  buildFeatureServices,
  composeApplication,
  projectors,
  type Application,
  type ComposeOptions,
  type FeatureServices,
} from './composition-root';
export { buildApp, type App, type AppOptions } from './app';
export type { Dependencies, ReadModelOrm, TelnyxDependencies } from './dependencies';
export { DEFAULTS, loadConfig, loadStorageConfig, type ConfigResult } from './platform/config/load-config';
export type { Config, IceServer, StorageConfig, TelnyxConfig, WebRtcConfig } from './platform/config/config';
export { createLogger, type Logger } from './platform/logging/create-logger';
export { startProjectionsWorker, type RunningProjectionsWorker } from './projections-worker';
export { runAuditCli } from './cli/audit';
export { runAccountsCli } from './cli/accounts';
export { DEMO_ACCOUNT_ID, DEMO_MEMBERS, demoUserId, seedDemoAccount } from './slices/accounts';
/** The header every state-changing browser request carries (the app's CSRF guard). */
export { CSRF_HEADER } from './platform/sessions/csrf';
