import type { ConfigResult } from '../config/load-config';

/**
 * The configuration of a process started from the command line, read by `load` (e.g. `loadConfig`)
 * from `env`. When it is invalid there is nothing to run: every problem is printed at once, under
 * `processName`, and the process exits 1.
 */
export function loadConfigOrExit<C>(
  load: (env: Record<string, string | undefined>) => ConfigResult<C>,
  env: Record<string, string | undefined>,
  processName: string,
): C {
  const result = load(env);
  if (!result.ok) {
    console.error(
      `${processName} cannot start: the configuration is invalid.\n${result.errors.map((error) => `  - ${error}`).join('\n')}`,
    );
    process.exit(1);
  }
  return result.config;
}
