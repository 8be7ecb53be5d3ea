import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedTelnyx } from './embedded-telnyx';
import { type Application, composeApplication, createLogger, CSRF_HEADER, loadConfig } from '@curbe-voice/backend';

export const DEMO_PASSWORD = 'demo-password-for-tests';

/**
 * The whole backend as `npm start` builds it in embedded mode — SQLite store and read models in a temp
 * dir, the simulator beside it, "Demo Insurance" seeded with `DEMO_PASSWORD` — with helpers to sign in
 * through the real login route.
 */
export interface DemoBackend {
  application: Application;
  app: Application['app'];
  /** Signs in through `POST /api/auth/login`; returns the headers a browser would then send. */
  signIn(email: string, password?: string): Promise<Record<string, string>>;
  /** Waits until every read model has applied everything in the store. */
  caughtUp(): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoBackend(
  env: Record<string, string> = {},
  options: { frontendDir?: string } = {},
): Promise<DemoBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'curbe-auth-'));
  const telnyx = await startEmbeddedTelnyx(dataDir);
  const result = loadConfig({ DATA_DIR: dataDir, ...telnyx.environment, DEMO_PASSWORD, LOG_LEVEL: 'silent', ...env });
  if (!result.ok) {
    await telnyx.simulator.close();
    throw new Error(result.errors.join('; '));
  }
  const application = await composeApplication(result.config, {
    logger: createLogger({ level: result.config.logLevel }),
    frontendDir: options.frontendDir ?? join(dataDir, 'no-frontend'),
  });
  const caughtUp = async () => {
    const last = (await application.deps.eventStore.readAll()).at(-1);
    if (last) await application.deps.projections.waitFor(last.position, 10_000);
  };
  await caughtUp();
  return {
    application,
    app: application.app,
    async signIn(email, password = DEMO_PASSWORD) {
      const response = await application.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { [CSRF_HEADER]: '1' },
        payload: { email, password },
      });
      if (response.statusCode !== 200)
        throw new Error(`sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies[0]!;
      return { cookie: `${cookie.name}=${cookie.value}`, [CSRF_HEADER]: '1' };
    },
    caughtUp,
    async close() {
      await application.close();
      await telnyx.simulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
