/**
 * `npm start`: embedded mode. Starts the Telnyx simulator and the backend pointed at it, forwards
 * SIGTERM/SIGINT and stops both; exits with the backend's exit code.
 */
import { pino } from 'pino';
import { startEmbeddedMode, type RunningEmbeddedMode } from './embedded-mode';
import { readLauncherOptions } from './launcher-options';

const read = readLauncherOptions(process.env);
if (!read.ok) {
  console.error(`Curbe Voice cannot start: ${read.error}`);
  process.exit(1);
}
const logger = pino({ level: read.options.logLevel, base: { component: 'launcher' } });

let running: RunningEmbeddedMode;
try {
  running = await startEmbeddedMode(process.env, read.options, logger);
} catch (error) {
  logger.fatal({ err: error }, 'Embedded mode failed to start');
  process.exit(1);
}

// The backend runs in its own process group: never leave it behind when this process ends.
process.on('exit', () => {
  if (running.backend.child.exitCode === null) running.backend.child.kill('SIGTERM');
});

let stopRequested = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopRequested) return;
    stopRequested = true;
    logger.info({ signal }, 'stopping the backend, then the simulator');
    void running.stop().then((code) => process.exit(code));
  });
}

// The backend stopping on its own (a configuration error, a crash) ends embedded mode too.
void running.backend.exited.then(async (code) => {
  if (stopRequested) return;
  logger.error({ code }, 'the backend exited; stopping the simulator');
  await running.stop();
  process.exit(code === 0 ? 1 : code);
});
