import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createLogger, loadConfig, startServer, type RunningServer } from '@curbe-voice/backend';
import { simulatorControls } from '../support/simulator-controls';
import { launchChromium } from '../support/chromium';
import { enterDemoWebhookKey } from '@curbe-voice/launcher';
import { startEmbeddedTelnyx } from '../../support/embedded-telnyx';
import { freePort } from '../../support/free-port';

/**
 * The whole product on this machine for a browser test: the web app built for production, the backend
 * composed in embedded mode (SQLite, the Telnyx simulator beside it) on a free port, and headless
 * Chromium with a fake microphone.
 */

const FRONTEND_DIR = fileURLToPath(new URL('../../../frontend', import.meta.url));
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../artifacts', import.meta.url));

export interface WebPhoneWorld {
  server: RunningServer;
  /** The simulator's root URL (its `/sim/*` control routes). */
  simulatorUrl: string;
  browser: Browser;
  page: Page;
  /** Errors the page threw; a clean run has none. */
  pageErrors: string[];
  sim(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startWebPhoneWorld(): Promise<WebPhoneWorld> {
  const workDir = mkdtempSync(join(tmpdir(), 'curbe-web-phone-'));
  const frontendDir = join(workDir, 'web');
  // A build of our own, so a build running elsewhere in the checkout cannot change it under the test.
  execFileSync('npx', ['vite', 'build', '--outDir', frontendDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: FRONTEND_DIR,
    stdio: 'inherit',
  });

  const port = await freePort();
  mkdirSync(join(workDir, 'data'));
  const telnyx = await startEmbeddedTelnyx(join(workDir, 'data'));
  const result = loadConfig({
    DATA_DIR: join(workDir, 'data'),
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...telnyx.environment,
    LOG_LEVEL: 'silent',
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const server = await startServer(result.config, { logger: createLogger({ level: 'silent' }), frontendDir });
  const simulatorUrl = telnyx.simulator.url;
  // As embedded mode does: the demo account's webhook key, from its Telnyx account's portal.
  const quiet = { info: () => undefined, warn: (details: object, message: string) => console.warn(message, details) };
  if (!(await enterDemoWebhookKey({ backendUrl: server.url, simulatorUrl, demoPassword: 'curbe-demo', logger: quiet })))
    throw new Error("the demo account's webhook key could not be entered");

  const browser = await launchChromium();
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  mkdirSync(ARTIFACTS_DIR, { recursive: true });

  return {
    server,
    simulatorUrl,
    browser,
    page,
    pageErrors,
    sim: simulatorControls(simulatorUrl),
    async screenshot(name) {
      await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      await telnyx.simulator.close().catch(() => undefined);
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
