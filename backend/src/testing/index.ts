/**
 * `@curbe-voice/backend/testing`: the backend's insides that integration tests (in the test workspace)
 * build on directly — slice services and routes, infrastructure pieces, and test builders. Not for
 * production code: it may change with any refactoring of the backend.
 */
export { openTestDependencies, type TestDependencies } from './test-dependencies';
export { createTestSessions } from '../slices/auth/testing/test-sessions';

export { AccountRegistry } from '../slices/accounts/account-registry';
export { AccountRejected } from '../slices/accounts/account-decider';
export type { AccountState } from '../slices/accounts/account-state';
export { provisioningRoutes } from '../slices/activation/routes';
export { TelephonySetupService, type TelephonySetupDeps } from '../slices/activation/telephony-setup-service';
export { auditRoutes } from '../slices/audit/routes';
export type { AccountSetupAt, AccountVerification, AuditEntry } from '../slices/audit/audit-trail';
export { CallStreams } from '../slices/calls/call-streams';
export { purgeExpiredRecordings, type RecordingPurgerDeps } from '../slices/calls/retention/recording-purger';
export { RetentionJob } from '../slices/calls/retention/retention-job';
export { el, escapeXml, texmlResponse } from '../slices/calls/routing/texml-writer';
export { NumberService } from '../slices/numbers/number-service';
export { numbersRoutes } from '../slices/numbers/routes';
export { buildNumberService } from '../slices/numbers/build-number-service';
export { syncActivatedAccounts, NumberSyncJob } from '../slices/numbers/number-sync-job';

export { AgentSecrets, AgentSecretsShredded } from '../platform/crypto/agent-secrets';
export { createSecretBox, type SecretBox } from '../platform/crypto/secret-box';
export { LAG_COUNT_LIMIT, measureProjectionLag } from '../platform/observability/projection-lag';
export { sessionPlugin } from '../platform/sessions/session-plugin';
export { createTelnyxGateway, type TelnyxGateway } from '../platform/telnyx/telnyx-gateway';
