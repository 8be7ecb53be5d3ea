import { composeApplication, type Application, type ComposeOptions } from './composition-root';
import type { Config } from './platform/config/config';
import { createLogger } from './platform/logging/create-logger';
import { isEntryPoint } from './platform/process/is-entry-point';
import { loadConfig } from './platform/config/load-config';
import { loadConfigOrExit } from './platform/process/load-config-or-exit';
import { stopGracefully } from './platform/process/stop-gracefully';

export interface RunningServer extends Application {
  /** Where the backend listens, e.g. http://127.0.0.1:3000. */
  url: string;
}

/** Builds everything from the configuration and listens. `close()` stops it all again. */
export async function startServer(config: Config, options: ComposeOptions): Promise<RunningServer> {
  const application = await composeApplication(config, options);
  try {
    const url = await application.app.listen({ port: config.port, host: config.host });
    return { ...application, url };
  } catch (error) {
    await application.close();
    throw error;
  }
}

/** `npm start`: configuration from the environment, JSON logs on stdout, graceful stop on signals. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(loadConfig, process.env, 'Curbe Voice');
  const logger = createLogger({ level: config.logLevel });

  let server: RunningServer;
  try {
    server = await startServer(config, { logger, ...(config.webAppDir ? { frontendDir: config.webAppDir } : {}) });
  } catch (error) {
    logger.fatal({ err: error }, 'Curbe Voice failed to start');
    process.exit(1);
  }
  logger.info(
    { url: server.url, publicUrl: config.publicUrl, telnyxApi: config.telnyx.apiBaseUrl },
    `Curbe Voice is listening on ${server.url} — open ${config.publicUrl}`,
  );

  stopGracefully(logger, () => server.close());
}

if (isEntryPoint(import.meta.url)) await main();
