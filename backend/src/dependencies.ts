import type { EventStore } from '@curbe-voice/event-store';
import type { createReadModelOrm } from '@curbe-voice/projections';
import type { Config, WebRtcConfig } from './platform/config/config';
import type { SecretBox } from './platform/crypto/secret-box';
import type { LiveUpdateHub } from './platform/live-updates/live-update-hub';
import type { Logger } from './platform/logging/create-logger';
import type { Metrics } from './platform/observability/metrics';
import type { ProjectionProgress } from './platform/projection-progress/projection-progress';
import type { SessionCodec } from './platform/sessions/session-token';
import type { TelnyxGateway } from './platform/telnyx/telnyx-gateway';
import type { AccountRegistry, AgencyOnboarding } from './slices/accounts';
import type { TelephonySetupService } from './slices/activation';
import type { PasswordLinks, SignInEmails, UserPasswords } from './slices/auth';
import type { RecordingStorage } from './slices/calls';
import type { PlatformOperators } from './slices/operators';

/**
 * Everything the composition root builds and hands to the HTTP plugins. Each plugin declares the part
 * it uses (see `SlicePlugin`); this is the whole, kept in a leaf file so nothing imports the root.
 */

export type ReadModelOrm = Awaited<ReturnType<typeof createReadModelOrm>>;

export interface TelnyxDependencies {
  apiKey: string;
  /** Ends in `/v2`. */
  apiBaseUrl: string;
  /** Base64 Ed25519 key that verifies webhook signatures. */
  webhookPublicKey: string;
  /** Where the browsers' phones connect for WebRTC (empty: the Telnyx SDK's defaults). */
  webrtc: WebRtcConfig;
}

/** What feature slices are given. They never build infrastructure themselves. */
export interface Dependencies {
  config: Config;
  logger: Logger;
  eventStore: EventStore;
  readModels: ReadModelOrm;
  /** How far the read models are (the in-process runner, or the external worker's checkpoints). */
  projections: ProjectionProgress;
  telnyx: TelnyxDependencies;
  secretBox: SecretBox;
  telnyxGateway: TelnyxGateway;
  accounts: AccountRegistry;
  activation: TelephonySetupService;
  /** Signs and reads session cookies (keys from SESSION_SECRET or the data directory). */
  sessions: SessionCodec;
  passwords: UserPasswords;
  /** Set-password links as URLs under `PUBLIC_URL`, to hand over. */
  passwordLinks: PasswordLinks;
  /** The emails that sign somebody in, across agencies and operators (one email, one user). */
  signInEmails: SignInEmails;
  /** The platform's operators (`platform-operators`), who create agencies. */
  operators: PlatformOperators;
  /** Creating an agency with its Telnyx managed account and first admin (operator page and CLI). */
  onboarding: AgencyOnboarding;
  /** Our copies of call recordings (`${DATA_DIR}/recordings`). */
  recordings: RecordingStorage;
  /** Prometheus metrics (`GET /metrics`). */
  metrics: Metrics;
  /** Committed read-model changes for the browsers' live updates. */
  liveUpdates: LiveUpdateHub;
}
