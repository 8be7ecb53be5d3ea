import type { Logger } from 'pino';
import { startBackendProcess, type BackendProcess } from './backend-process';
import { enterDemoWebhookKey } from './demo-webhook-key';
import { startEmbeddedTelnyx, type EmbeddedTelnyx } from './embedded-telnyx';
import type { LauncherOptions } from './launcher-options';

export interface RunningEmbeddedMode {
  backend: BackendProcess;
  /** Absent when TELNYX_API_KEY points the backend at the real Telnyx. */
  telnyx?: EmbeddedTelnyx;
  /** Stops the backend, then the simulator it talks to; resolves with the backend's exit code. */
  stop(): Promise<number>;
}

/**
 * Starts the simulator, then the backend pointed at it through the variables a real deployment uses.
 * The simulator runs in this process and the backend in a child: the backend is then exactly the
 * production process (its own configuration check, graceful stop and logs), and the simulator's
 * WebRTC media work never shares the backend's event loop.
 */
export async function startEmbeddedMode(
  env: NodeJS.ProcessEnv,
  options: LauncherOptions,
  logger: Logger,
): Promise<RunningEmbeddedMode> {
  if (options.realTelnyx) {
    logger.info('TELNYX_API_KEY is set: the backend works against Telnyx, no simulator is started');
    const backend = startBackendProcess(env);
    return { backend, stop: () => backend.stop() };
  }
  const telnyx = await startEmbeddedTelnyx({
    dataDir: options.dataDir,
    port: options.simulatorPort,
    ...(options.simulatorApiKey ? { rootApiKey: options.simulatorApiKey } : {}),
    // Its own request log would drown the backend's: at `info` it reports only warnings and errors.
    logger: { level: options.logLevel === 'info' ? 'warn' : options.logLevel, base: { component: 'telnyx-sim' } },
  });
  logger.info({ url: telnyx.simulator.url }, 'Telnyx simulator started (embedded mode: no TELNYX_API_KEY set)');
  const seed = env['SEED_DEMO_ACCOUNT']?.trim();
  const backend = startBackendProcess({ ...env, ...telnyx.environment, ...(seed ? { SEED_DEMO_ACCOUNT: seed } : {}) });
  if (seed !== 'false') {
    void enterDemoWebhookKey({
      backendUrl: localUrlOf(env),
      simulatorUrl: telnyx.simulator.url,
      demoPassword: env['DEMO_PASSWORD']?.trim() || 'curbe-demo',
      logger,
      backendExited: backend.exited,
    }).catch((error: unknown) => logger.warn({ err: error }, 'demo account: entering its webhook key failed'));
  }
  let stopping: Promise<number> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const code = await backend.stop();
      await telnyx.simulator.close();
      return code;
    })());
  return { backend, telnyx, stop };
}

/** Where this machine reaches the backend it started (PORT and HOST as the backend reads them). */
function localUrlOf(env: NodeJS.ProcessEnv): string {
  const host = env['HOST']?.trim();
  const local = !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${local.includes(':') ? `[${local}]` : local}:${env['PORT']?.trim() || '3000'}`;
}
