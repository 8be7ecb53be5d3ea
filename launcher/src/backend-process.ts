import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface BackendProcess {
  child: ChildProcess;
  /** Resolves with the exit code (1 when it was ended by a signal it did not handle). */
  exited: Promise<number>;
  /** Asks the backend to stop gracefully; resolves once it has exited. */
  stop(): Promise<number>;
}

/**
 * Runs the backend's production entry (`server.ts`) as a child process with `env`. Its output goes
 * straight to ours. It gets its own process group, so a Ctrl+C in the terminal reaches only the
 * launcher, which then stops the backend exactly once (a second signal would force it out).
 */
export function startBackendProcess(env: NodeJS.ProcessEnv): BackendProcess {
  const serverEntry = fileURLToPath(import.meta.resolve('@curbe-voice/backend/server'));
  const tsxLoader = import.meta.resolve('tsx');
  const child = spawn(process.execPath, ['--import', tsxLoader, serverEntry], {
    env,
    stdio: 'inherit',
    detached: true,
  });
  const exited = new Promise<number>((resolve) => {
    child.once('exit', (code) => resolve(code ?? 1));
    child.once('error', () => resolve(1));
  });
  return {
    child,
    exited,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
