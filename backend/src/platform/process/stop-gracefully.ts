import closeWithGrace from 'close-with-grace';
import type { Logger } from '../logging/create-logger';

/** On a stop signal or an uncaught error, logs why and runs `close` (given 10 s before the process is forced out). */
export function stopGracefully(logger: Logger, close: () => Promise<void>): void {
  closeWithGrace({ delay: 10_000, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'stopping after an unexpected error');
    else logger.info({ signal }, 'stopping');
    await close();
  });
}
