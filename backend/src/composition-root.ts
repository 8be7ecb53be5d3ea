import { resolve } from 'node:path';
import { openEventStore, withHashChain, type EventStore } from '@curbe-voice/event-store';
import { createReadModelOrm, readModelMigrations, type Projector } from '@curbe-voice/projections';
import { activationProjector } from '@curbe-voice/projections/read-models/activation';
import { agenciesProjector } from '@curbe-voice/projections/read-models/agencies';
import { agentsProjector } from '@curbe-voice/projections/read-models/agents';
import { numbersProjector } from '@curbe-voice/projections/read-models/numbers';
import { routingProjector } from '@curbe-voice/projections/read-models/routing';
import { usersProjector } from '@curbe-voice/projections/read-models/users';
import { callHistoryProjector } from '@curbe-voice/projections/read-models/call-history';
import { AccountRegistry, AgencyOnboarding, DEMO_MEMBERS, seedDemoAccount } from './slices/accounts';
import { buildApp, type App, type AppOptions } from './app';
import type { Dependencies, ReadModelOrm, TelnyxDependencies } from './dependencies';
import type { LiveReadModel } from './platform/live-updates/live-read-model';
import { liveUpdatesFromCommits } from './platform/live-updates/read-model-change-feed';
import { activationLiveUpdates, TelephonySetupService } from './slices/activation';
import { callHistoryLiveUpdates } from './slices/calls';
import { resolveSessionKeys } from './platform/sessions/session-secret';
import { SessionCodec } from './platform/sessions/session-token';
import { PasswordLinks, SignInEmails, UserPasswords } from './slices/auth';
import { PlatformOperators } from './slices/operators';
import type { Config } from './platform/config/config';
import { DEFAULTS } from './platform/config/load-config';
import { createSecretBox } from './platform/crypto/secret-box';
import { resolveSecretKeys } from './platform/crypto/secret-keys';
import { preparePrivateDataDir } from './platform/storage/private-data-dir';
import type { Logger } from './platform/logging/create-logger';
import { startProjections } from './platform/projections/start-projections';
import { createTelnyxGateway } from './platform/telnyx/telnyx-gateway';
import { AgentSecrets } from './platform/crypto/agent-secrets';
import { withEventMetrics } from './platform/observability/event-metrics';
import { createMetrics, type Metrics } from './platform/observability/metrics';
import { registerProjectionLag } from './platform/observability/projection-lag';
import { countingTelnyxFetch } from './platform/observability/telnyx-metrics';
import { CallStreams, FileSystemRecordingStorage, purgeExpiredRecordings, RetentionJob } from './slices/calls';
import {
  activatedAccountIds,
  buildNumberService,
  numberLiveUpdates,
  NumberSyncJob,
  syncActivatedAccounts,
} from './slices/numbers';

/**
 * Every projector that feeds a read model. Their entities make up the read-model schema, and the
 * runner keeps each of them up to date. A new read model is one line here.
 */
export const projectors: Projector[] = [
  activationProjector,
  agentsProjector,
  numbersProjector,
  routingProjector,
  callHistoryProjector,
  usersProjector,
  agenciesProjector,
];

/** The read models whose changes are pushed to the browsers (`/api/events/stream`). */
const liveReadModels: LiveReadModel[] = [
  callHistoryLiveUpdates,
  activationLiveUpdates,
  numberLiveUpdates,
] as LiveReadModel[];

export interface Application {
  deps: Dependencies;
  app: App;
  /** Stops everything in reverse order of start: HTTP, projections, read models, event store. */
  close(): Promise<void>;
}

export interface ComposeOptions extends AppOptions {
  logger: Logger;
  /** Defaults to `projectors` above. */
  projectors?: Projector[];
}

interface Resource {
  name: string;
  close(): Promise<void>;
}

/**
 * The one place where infrastructure is built from configuration. If any part fails to start,
 * what was already started is closed again before the error is passed on.
 */
export async function composeApplication(config: Config, options: ComposeOptions): Promise<Application> {
  const { logger } = options;
  const started: Resource[] = [];
  const dataDir = resolve(config.dataDir);
  try {
    preparePrivateDataDir(dataDir, logger);

    const metrics = createMetrics();
    const telnyx = connectTelnyx(config);

    // Every append is hash-chained per stream, so the audit can prove nothing was altered afterwards.
    // Counted outside the chain: only appends the store accepted count.
    const eventStore = withEventMetrics(
      withHashChain(openEventStore({ connectionString: config.eventStoreConnectionString, dataDir })),
      metrics,
    );
    started.push({ name: 'event store', close: () => eventStore.close() });

    const activeProjectors = options.projectors ?? projectors;
    const readModels = await createReadModelOrm({
      databaseUrl: config.databaseUrl,
      dataDir,
      entities: activeProjectors.flatMap((projector) => projector.entities),
      // PostgreSQL: pending migrations are applied at start (SQLite: schema generated from the entities).
      migrations: readModelMigrations,
      logger,
    });
    started.push({ name: 'read models', close: () => readModels.close() });

    const liveUpdates = liveUpdatesFromCommits(readModels, liveReadModels);
    // PROJECTIONS=in-process runs the projectors here; external leaves them to the projections worker.
    const projections = await startProjections({
      liveUpdates,
      liveReadModels,
      mode: config.projections,
      store: eventStore,
      orm: readModels,
      projectors: activeProjectors,
      logger,
    });
    started.push({ name: 'projections', close: () => projections.stop() });

    // The stores just created their files with the default mode: make them owner-only too.
    preparePrivateDataDir(dataDir);
    const deps: Dependencies = {
      config,
      logger,
      eventStore,
      readModels,
      projections,
      telnyx,
      liveUpdates,
      ...buildFeatureServices({ config, logger, eventStore, telnyx, dataDir, metrics, readModels }),
    };
    registerProjectionLag(metrics, { store: eventStore, orm: readModels, projectors: activeProjectors });
    const app = await buildApp(deps, options);
    started.push({ name: 'HTTP server', close: () => app.close() });

    const retention = startRecordingRetention(deps);
    if (retention) started.push(retention);
    started.push(startNumberSync(deps));

    // A crash may have stopped an activation half-way: pick it up where it stopped.
    await deps.activation.resumeInterruptedActivations();
    if (config.seedDemoAccount) await seedDemoData(deps);

    let closing: Promise<void> | undefined;
    return { deps, app, close: () => (closing ??= closeInReverse(started, logger)) };
  } catch (error) {
    await closeInReverse(started, logger);
    throw error;
  }
}

/** RECORDING_RETENTION_DAYS set: a daily job deletes our copies of older recordings. */
function startRecordingRetention(deps: Dependencies): Resource | undefined {
  const { config, readModels, eventStore, recordings, logger } = deps;
  if (config.recordingRetentionDays === undefined) return undefined;
  const retentionDays = config.recordingRetentionDays;
  const retentionLogger = logger.child({ component: 'retention' });
  const retention = new RetentionJob(
    () =>
      purgeExpiredRecordings({
        orm: readModels,
        calls: new CallStreams(eventStore),
        storage: recordings,
        retentionDays,
        logger: retentionLogger,
      }),
    retentionLogger,
  );
  void retention.start();
  return { name: 'recording retention', close: () => retention.stop() };
}

/** Every hour, each activated account's numbers are brought in line with what it holds at Telnyx. */
function startNumberSync(deps: Dependencies): Resource {
  const logger = deps.logger.child({ component: 'number-sync' });
  const numbers = buildNumberService(deps);
  const job = new NumberSyncJob(
    () => syncActivatedAccounts({ numbers, activatedAccounts: () => activatedAccountIds(deps.readModels), logger }),
    logger,
  );
  void job.start({ firstPassNow: false });
  return { name: 'number sync', close: () => job.stop() };
}

export type FeatureServices = Pick<
  Dependencies,
  | 'secretBox'
  | 'telnyxGateway'
  | 'accounts'
  | 'activation'
  | 'recordings'
  | 'sessions'
  | 'passwords'
  | 'passwordLinks'
  | 'signInEmails'
  | 'operators'
  | 'onboarding'
  | 'metrics'
>;

/** The feature slices' services, built on the infrastructure (kept apart so tests can build them too). */
export function buildFeatureServices(infrastructure: {
  config: Config;
  logger: Logger;
  eventStore: EventStore;
  telnyx: TelnyxDependencies;
  dataDir: string;
  /** Made here when not given. */
  metrics?: Metrics;
  /** Holds the agents' data keys; without it, SIP passwords are sealed under the master key only. */
  readModels?: ReadModelOrm;
}): FeatureServices {
  const { config, logger, eventStore, telnyx, dataDir, readModels } = infrastructure;
  const metrics = infrastructure.metrics ?? createMetrics();
  const secretBox = createSecretBox(resolveSecretKeys({ secretKeys: config.secretKeys, dataDir }));
  const telnyxGateway = createTelnyxGateway({
    apiKey: telnyx.apiKey,
    baseURL: telnyx.apiBaseUrl,
    fetch: countingTelnyxFetch(metrics),
    rollupBilling: config.telnyx.rollupBilling,
  });
  const accounts = new AccountRegistry({ store: eventStore, telnyx: telnyxGateway, secretBox });
  const activation = new TelephonySetupService({
    store: eventStore,
    telnyx: telnyxGateway,
    secretBox,
    ...(readModels ? { agentSecrets: new AgentSecrets(readModels, secretBox) } : {}),
    accounts,
    publicUrl: config.publicUrl,
    logger: logger.child({ component: 'activation' }),
  });
  const recordings = new FileSystemRecordingStorage(resolve(dataDir, 'recordings'));
  const sessions = new SessionCodec(resolveSessionKeys({ sessionSecret: config.sessionSecret, dataDir }));
  const passwords = new UserPasswords(eventStore);
  const passwordLinks = new PasswordLinks(passwords, config.publicUrl);
  const signInEmails = new SignInEmails(eventStore);
  const operators = new PlatformOperators({ store: eventStore, emails: signInEmails });
  const onboarding = new AgencyOnboarding({ accounts, emails: signInEmails, passwordLinks });
  return {
    secretBox,
    telnyxGateway,
    accounts,
    activation,
    recordings,
    sessions,
    passwords,
    passwordLinks,
    signInEmails,
    operators,
    onboarding,
    metrics,
  };
}

/** SEED_DEMO_ACCOUNT=true (embedded mode): "Demo Insurance" with two agents and an auditor, so the product can be tried at once. */
async function seedDemoData(deps: Dependencies): Promise<void> {
  const setPassword = (userId: string, password: string) =>
    deps.passwords.setPassword(userId, password, { actor: 'system' });
  const account = await seedDemoAccount({ accounts: deps.accounts, setPassword }, deps.config.demoPassword);
  const logins = DEMO_MEMBERS.map((member) => `${member.email} (${member.role})`).join(', ');
  // The well-known default is printed to help a first run; a password someone chose never is.
  const password =
    deps.config.demoPassword === DEFAULTS.DEMO_PASSWORD
      ? `the password "${DEFAULTS.DEMO_PASSWORD}"`
      : 'the password set in DEMO_PASSWORD';
  deps.logger.info(
    { accountId: account.accountId, logins: DEMO_MEMBERS.map((member) => member.email) },
    `Demo account "${account.name}" is ready. Sign in as ${logins} with ${password}`,
  );
}

/** The Telnyx API from configuration: the real one, or a simulator a launcher started beside us. */
export function connectTelnyx(config: Config): TelnyxDependencies {
  const { apiKey, apiBaseUrl, publicKey, webrtc } = config.telnyx;
  return { apiKey, apiBaseUrl, webhookPublicKey: publicKey, webrtc };
}

/** Closes every resource, newest first, even when one of them fails; then reports the failures. */
async function closeInReverse(resources: Resource[], logger: Logger): Promise<void> {
  const failures: unknown[] = [];
  for (const resource of [...resources].reverse()) {
    try {
      await resource.close();
    } catch (error) {
      failures.push(error);
      logger.error({ err: error }, `closing the ${resource.name} failed`);
    }
  }
  resources.length = 0;
  if (failures.length > 0) throw new AggregateError(failures, 'Some resources failed to close');
}
