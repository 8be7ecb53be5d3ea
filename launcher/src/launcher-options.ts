/** What the launcher itself reads from the environment; everything else is the backend's. */
export interface LauncherOptions {
  dataDir: string;
  /** The simulator's port (TELNYX_SIM_PORT, default 3100; 0 picks a free one). */
  simulatorPort: number;
  /** TELNYX_SIM_API_KEY: the simulator's root API key on its first start. */
  simulatorApiKey?: string;
  /** The launcher's and the simulator's log level (the backend checks LOG_LEVEL itself). */
  logLevel: string;
  /** TELNYX_API_KEY is set: the real Telnyx is wanted, so no simulator is started. */
  realTelnyx: boolean;
}

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export type LauncherOptionsResult = { ok: true; options: LauncherOptions } | { ok: false; error: string };

export function readLauncherOptions(env: NodeJS.ProcessEnv): LauncherOptionsResult {
  const portText = env['TELNYX_SIM_PORT']?.trim() || '3100';
  const simulatorPort = Number(portText);
  if (!/^[0-9]{1,5}$/.test(portText) || simulatorPort > 65535) {
    return {
      ok: false,
      error: `TELNYX_SIM_PORT must be an integer 0-65535 (0 picks a free port), got ${JSON.stringify(portText)}`,
    };
  }
  const level = env['LOG_LEVEL']?.trim() || 'info';
  const simulatorApiKey = env['TELNYX_SIM_API_KEY']?.trim();
  return {
    ok: true,
    options: {
      dataDir: env['DATA_DIR']?.trim() || './data',
      simulatorPort,
      ...(simulatorApiKey ? { simulatorApiKey } : {}),
      logLevel: LOG_LEVELS.has(level) ? level : 'info',
      realTelnyx: Boolean(env['TELNYX_API_KEY']?.trim()),
    },
  };
}
