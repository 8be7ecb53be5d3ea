import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { simulatorControls } from '../support/simulator-controls';
import { launchChromium, until } from '../support/chromium';
import { freePort } from '../../support/free-port';

/**
 * The product as an agency's operator deploys it, for a browser test: the Telnyx simulator as its own
 * process (our Telnyx), the backend as its own process in production mode (TELNYX_API_KEY set, no demo
 * seed) serving the web app built for production, the accounts CLI run as a program, and headless
 * Chromium with one browser context (its own cookies) per person.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = import.meta.resolve('tsx');
export const ARTIFACTS_DIR = join(ROOT, 'test', 'artifacts');

export interface Person {
  page: Page;
  /** Errors the page threw; a clean run has none. */
  errors: string[];
}

export interface ProductionWorld {
  backendUrl: string;
  simulatorUrl: string;
  /** The manager account's API key (TELNYX_API_KEY). */
  rootApiKey: string;
  /** A new browser context: a person with their own cookies. */
  person(): Promise<Person>;
  /** Runs `npm run accounts -- …` with the backend's environment; resolves with its exit code and output. */
  accountsCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** The simulator's test controls (`/sim/*`). */
  sim(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Telnyx's REST API (`/v2/*`) with `apiKey`. */
  telnyx(apiKey: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startProductionWorld(): Promise<ProductionWorld> {
  const workDir = mkdtempSync(join(tmpdir(), 'curbe-production-'));
  const webAppDir = join(workDir, 'web');
  // A build of our own, so a build running elsewhere in the checkout cannot change it under the test.
  execFileSync('npx', ['vite', 'build', '--outDir', webAppDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: join(ROOT, 'frontend'),
    stdio: 'inherit',
  });
  const children: ChildProcess[] = [];
  const stopAll = async () => {
    await Promise.all(children.map(stopChild));
  };
  try {
    const rootApiKey = `KEY${Date.now()}_production_path`;
    const simPort = await freePort();
    const simulator = spawnTs('telnyx-sim/src/main.ts', {
      TELNYX_SIM_PORT: String(simPort),
      TELNYX_SIM_API_KEY: rootApiKey,
      LOG_LEVEL: 'warn',
    });
    children.push(simulator.child);
    const publicKey = (await simulator.line(/webhook public key:\s+(\S+)/))[1]!;
    const simulatorUrl = `http://127.0.0.1:${simPort}`;

    const port = await freePort();
    const backendUrl = `http://127.0.0.1:${port}`;
    mkdirSync(join(workDir, 'data'));
    const backendEnv = {
      DATA_DIR: join(workDir, 'data'),
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: backendUrl,
      WEB_APP_DIR: webAppDir,
      LOG_LEVEL: 'warn',
      TELNYX_API_KEY: rootApiKey,
      TELNYX_PUBLIC_KEY: publicKey,
      TELNYX_API_BASE_URL: `${simulatorUrl}/v2`,
      TELNYX_RTC_HOST: `ws://127.0.0.1:${simPort}`,
      TELNYX_ICE_SERVERS: 'none',
    };
    const backend = spawnTs('backend/src/server.ts', backendEnv);
    children.push(backend.child);
    await until(
      async () => ((await fetch(`${backendUrl}/health`).catch(() => null))?.ok ? true : undefined),
      'the backend to answer /health',
      60_000,
    );

    const browser: Browser = await launchChromium();
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    return {
      backendUrl,
      simulatorUrl,
      rootApiKey,
      async person() {
        const context = await browser.newContext({ baseURL: backendUrl, viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        // A step that cannot happen fails with what it waited for, well within the test's own time.
        page.setDefaultTimeout(15_000);
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        return { page, errors };
      },
      accountsCli: (...args) => runTs('backend/src/cli/accounts.ts', args, backendEnv),
      sim: simulatorControls(simulatorUrl),
      async telnyx(apiKey, method, path, body) {
        const response = await fetch(`${simulatorUrl}/v2${path}`, {
          method,
          headers: {
            authorization: `Bearer ${apiKey}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? null : JSON.stringify(body),
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`Telnyx ${method} ${path}: ${response.status} ${text}`);
        return text ? (JSON.parse(text) as Record<string, unknown>) : {};
      },
      async screenshot(page, name) {
        await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
      },
      async close() {
        await browser.close().catch(() => undefined);
        await stopAll();
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopAll();
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}

/** A TypeScript entry point of this checkout as its own Node.js process; its output is kept to be read. */
function spawnTs(entry: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', TSX, join(ROOT, entry)], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stderr.write(chunk);
  });
  return {
    child,
    line: (pattern: RegExp) =>
      until(async () => pattern.exec(output) ?? undefined, `${entry} to print ${pattern}`, 60_000).catch((error) => {
        throw new Error(`${String(error)}\n${output}`);
      }),
  };
}

function runTs(entry: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, join(ROOT, entry), ...args], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
