/** The launcher's public API: embedded mode's pieces, for tests that run the product as `npm start` does. */
export {
  backendEnvironmentFor,
  startEmbeddedTelnyx,
  type EmbeddedTelnyx,
  type EmbeddedTelnyxOptions,
} from './embedded-telnyx';
export { startEmbeddedMode, type RunningEmbeddedMode } from './embedded-mode';
export { readLauncherOptions, type LauncherOptions } from './launcher-options';
export { enterDemoWebhookKey, type DemoWebhookKeyOptions } from './demo-webhook-key';
