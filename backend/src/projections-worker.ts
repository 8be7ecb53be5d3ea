import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { openEventStore, withHashChain } from '@curbe-voice/event-store';
import {
  createReadModelOrm,
  pingReadModels,
  ProjectionRunner,
  readModelMigrations,
  type Projector,
} from '@curbe-voice/projections';
import { projectors as allProjectors } from './composition-root';
import type { StorageConfig } from './platform/config/config';
import { checkHealth } from './platform/health/check-health';
import { createLogger, type Logger } from './platform/logging/create-logger';
import { isEntryPoint } from './platform/process/is-entry-point';
import { loadStorageConfig } from './platform/config/load-config';
import { loadConfigOrExit } from './platform/process/load-config-or-exit';
import { stopGracefully } from './platform/process/stop-gracefully';

/**
 * `npm run projections`: the projections as a process of their own, for backends started with
 * PROJECTIONS=external. Same configuration as the backend; it opens the event store and the read
 * models (applying pending migrations on PostgreSQL) and runs every projector until stopped.
 * Several workers may run at once: each projector's checkpoint is claimed per transaction, so an event
 * is applied once whichever worker gets there first (a second worker is a warm standby, not a speed-up).
 *
 * With PROJECTIONS_HEALTH_PORT it answers `GET /health` there (200 / 503, like the backend's), so an
 * orchestrator can restart a worker that lost its database instead of reading its logs.
 */
export interface RunningProjectionsWorker {
  /** `http://host:port/health` when PROJECTIONS_HEALTH_PORT is set. */
  healthUrl?: string;
  runner: ProjectionRunner;
  close(): Promise<void>;
}

const PROBE_TIMEOUT_MS = 2_000;

export async function startProjectionsWorker(
  config: StorageConfig,
  options: { logger: Logger; projectors?: Projector[] },
): Promise<RunningProjectionsWorker> {
  const { logger } = options;
  const projectors = options.projectors ?? allProjectors;
  const dataDir = resolve(config.dataDir);
  if (!config.eventStoreConnectionString || !config.databaseUrl) mkdirSync(dataDir, { recursive: true });

  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        logger.error({ err: error }, 'stopping part of the projections worker failed');
      }
    }
  };
  try {
    const store = withHashChain(openEventStore({ connectionString: config.eventStoreConnectionString, dataDir }));
    closers.push(() => store.close());
    const orm = await createReadModelOrm({
      databaseUrl: config.databaseUrl,
      dataDir,
      entities: projectors.flatMap((projector) => projector.entities),
      migrations: readModelMigrations,
      logger,
    });
    closers.push(() => orm.close());
    const runner = new ProjectionRunner({ store, orm, projectors, logger: logger.child({ component: 'projections' }) });
    await runner.start();
    closers.push(() => runner.stop());

    let healthUrl: string | undefined;
    if (config.projectionsHealthPort !== undefined) {
      const server = createServer((request, response) => {
        if (request.method !== 'GET' || request.url !== '/health') {
          response.writeHead(404).end();
          return;
        }
        void checkHealth(
          { eventStore: () => store.ping(), readModels: () => pingReadModels(orm) },
          PROBE_TIMEOUT_MS,
        ).then((report) => {
          if (!report.healthy)
            logger.error({ failures: Object.keys(report.failures) }, 'projections worker health check failed');
          response.writeHead(report.healthy ? 200 : 503, {
            'content-type': 'application/json',
            'cache-control': 'no-store',
          });
          response.end(JSON.stringify({ status: report.healthy ? 'ok' : 'unavailable', ...report.components }));
        });
      });
      await listen(server, config.projectionsHealthPort, config.host);
      closers.push(() => new Promise<void>((done) => server.close(() => done())));
      const { port } = server.address() as AddressInfo;
      healthUrl = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/health`;
    }

    logger.info(
      { projectors: projectors.map((projector) => projector.name), healthUrl: healthUrl ?? null },
      `Projections worker running ${projectors.length} projectors`,
    );
    let closing: Promise<void> | undefined;
    return { runner, ...(healthUrl ? { healthUrl } : {}), close: () => (closing ??= closeAll()) };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((listening, failed) => {
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      listening();
    });
  });
}

async function main(): Promise<void> {
  const config = loadConfigOrExit(loadStorageConfig, process.env, 'The projections worker');
  const logger = createLogger({ level: config.logLevel }).child({ process: 'projections-worker' });
  if (config.projections !== 'external') {
    logger.warn(
      'PROJECTIONS is not "external": the backend runs the projections too (harmless, but one of them is idle)',
    );
  }
  let worker: RunningProjectionsWorker;
  try {
    worker = await startProjectionsWorker(config, { logger });
  } catch (error) {
    logger.fatal({ err: error }, 'The projections worker failed to start');
    process.exit(1);
  }
  stopGracefully(logger, () => worker.close());
}

if (isEntryPoint(import.meta.url)) await main();
