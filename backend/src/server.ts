import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import closeWithGrace from 'close-with-grace';
import { composeApplication, type Application, type ComposeOptions } from './composition-root';
import type { Config } from './config/config';
import { loadConfig } from './config/load-config';
import { createLogger } from './infrastructure/logging/create-logger';

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
  const result = loadConfig(process.env);
  if (!result.ok) {
    console.error(`Curbe Voice cannot start: the configuration is invalid.\n${result.errors.map((error) => `  - ${error}`).join('\n')}`);
    process.exit(1);
  }
  const { config } = result;
  const logger = createLogger({ level: config.logLevel });

  let server: RunningServer;
  try {
    server = await startServer(config, { logger });
  } catch (error) {
    logger.fatal({ err: error }, 'Curbe Voice failed to start');
    process.exit(1);
  }
  logger.info(
    { url: server.url, publicUrl: config.publicUrl, telnyx: server.deps.telnyx.simulated ? 'simulator' : 'telnyx' },
    `Curbe Voice is listening on ${server.url} — open ${config.publicUrl}`,
  );

  closeWithGrace({ delay: 10_000, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'stopping after an unexpected error');
    else logger.info({ signal }, 'stopping');
    await server.close();
  });
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) await main();
