import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScratchDatabase } from '@curbe-voice/projections/orm/migration-tooling';
import { startTelnyxSimulator, type RunningSimulator } from '@curbe-voice/telnyx-sim';
import { freePort } from '../support/free-port';

/**
 * The compiled backend (`npm run build --workspace backend`) as the production image runs it:
 * `node --enable-source-maps backend/dist/server.js` in a directory that holds only the bundle, the
 * web app's files and installed packages — no workspace sources, no development tools.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'backend/dist');

/** Packages only development uses; the bundle must neither contain nor import them. */
const DEVELOPMENT_PACKAGES = [
  'vitest',
  '@vitest',
  'tsx',
  'esbuild',
  'vite',
  'typescript',
  '@curbe-voice',
  'playwright-core',
  'happy-dom',
];

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
}

const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

let layout: string;
let simulator: RunningSimulator;
let metafile: Metafile;

/** Like the image: /app/backend/{package.json,dist,node_modules}, /app/frontend/dist, /app/node_modules. */
function productionLayout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'curbe-bundle-'));
  cpSync(dist, join(dir, 'backend/dist'), { recursive: true });
  // "type": "module" makes the bundle's .js files ES modules.
  cpSync(join(root, 'backend/package.json'), join(dir, 'backend/package.json'));
  mkdirSync(join(dir, 'frontend/dist'), { recursive: true });
  writeFileSync(join(dir, 'frontend/dist/index.html'), '<!doctype html><title>web app from frontend/dist</title>');
  // The installed packages, minus the workspaces and development tools: the bundle must not need them.
  for (const modules of ['node_modules', 'backend/node_modules']) {
    mkdirSync(join(dir, modules), { recursive: true });
    for (const entry of existsSync(join(root, modules)) ? readdirSync(join(root, modules)) : []) {
      if (entry.startsWith('.') || DEVELOPMENT_PACKAGES.includes(entry)) continue;
      symlinkSync(join(root, modules, entry), join(dir, modules, entry));
    }
  }
  return dir;
}

type Program = ChildProcessByStdio<null, Readable, Readable>;

function startProgram(
  script: string,
  env: Record<string, string>,
): { child: Program; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    cwd: layout,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(program: ReturnType<typeof startProgram>, text: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!program.output().includes(text)) {
    if (program.child.exitCode !== null)
      throw new Error(`exited early (${program.child.exitCode}):\n${program.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" within 20 s:\n${program.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  const built = spawnSync('npm', ['run', 'build', '--workspace', 'backend'], { cwd: root, encoding: 'utf8' });
  expect(built.status, `${built.stdout}\n${built.stderr}`).toBe(0);
  metafile = readJson<Metafile>(join(dist, 'meta.json'));
  layout = productionLayout();
  simulator = await startTelnyxSimulator({ port: 0, logger: false });
}, 60_000);

afterAll(async () => {
  await simulator?.close();
  if (layout) rmSync(layout, { recursive: true, force: true });
});

describe('the backend bundle', () => {
  it('compiles in the workspace code and nothing for development', () => {
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContainEqual(expect.stringMatching(/^src\/server\.ts$/));
    expect(inputs).toContainEqual(expect.stringMatching(/^\.\.\/projections\/src\//));
    expect(inputs.filter((input) => /node_modules|telnyx-sim\/|\.test\.ts$|\/testing\//.test(input))).toEqual([]);
    // The source maps name every compiled file: none of the simulator's.
    for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((name) =>
      name.endsWith('.js.map'),
    )) {
      const { sources } = readJson<{ sources: string[] }>(join(dist, file));
      expect(
        sources.filter((source) => /telnyx-sim\/src|vitest|tsx\//.test(source)),
        file,
      ).toEqual([]);
    }
  });

  it('imports only packages that the production install provides', () => {
    const imported = new Set<string>();
    for (const output of Object.values(metafile.outputs)) {
      for (const { path, external } of output.imports)
        if (external && !path.startsWith('node:')) imported.add(packageName(path));
    }
    expect(imported.size).toBeGreaterThan(0);
    // The backend's production dependencies and those of the workspaces compiled into it.
    const declared = new Set<string>();
    for (const workspace of ['backend', 'contracts', 'event-store', 'projections']) {
      const manifest = readJson<{ dependencies?: Record<string, string> }>(join(root, workspace, 'package.json'));
      for (const name of Object.keys(manifest.dependencies ?? {})) declared.add(name);
    }
    expect([...imported].filter((name) => !declared.has(name))).toEqual([]);
    expect([...imported].filter((name) => DEVELOPMENT_PACKAGES.includes(name))).toEqual([]);
  });

  it('holds every program the Dockerfile and docker-compose.yml start', () => {
    for (const file of ['Dockerfile', 'docker-compose.yml']) {
      const text = readFileSync(join(root, file), 'utf8');
      const programs = [...text.matchAll(/backend\/dist\/[\w/-]+\.js/g)].map(([path]) => path);
      expect(programs.length, file).toBeGreaterThan(0);
      for (const program of programs) expect(existsSync(join(root, program)), `${file}: ${program}`).toBe(true);
      expect(text, file).not.toMatch(/--import", "tsx"|backend\/src\//);
    }
  });

  it('finds every package where the image installs it', () => {
    // The bundle resolves packages from backend/dist: backend/node_modules, then node_modules. A version
    // npm nested under another compiled-in workspace would be out of its reach.
    const lock = readJson<{ packages: Record<string, unknown> }>(join(root, 'package-lock.json'));
    const unreachable = Object.keys(lock.packages).filter((path) =>
      /^(contracts|event-store|projections)\/node_modules\//.test(path),
    );
    expect(unreachable).toEqual([]);
  });

  it('serves the API, its documentation and the web app, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'curbe-bundle-data-'));
    const port = await freePort();
    const server = startProgram('backend/dist/server.js', {
      DATA_DIR: dataDir,
      PORT: String(port),
      TELNYX_API_KEY: simulator.rootApiKey,
      TELNYX_PUBLIC_KEY: simulator.webhookPublicKey,
      TELNYX_API_BASE_URL: simulator.apiBaseUrl,
    });
    try {
      await waitForOutput(server, 'Curbe Voice is listening');
      // Bodies are read to the end, so that no request is still open when the server is stopped.
      const get = async (path: string) => {
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        return { status: response.status, body: await response.text() };
      };
      expect((await get('/health')).status).toBe(200);
      expect((await get('/api/auth/me')).status).toBe(401);
      const docs = await get('/docs');
      expect(docs.status).toBe(200);
      expect(docs.body).toContain('Swagger UI');
      // Swagger UI's files come from its package in node_modules.
      expect((await get('/docs/static/swagger-ui-bundle.js')).status).toBe(200);
      expect((await get('/docs/json')).status).toBe(200);
      // The web app from frontend/dist beside the backend, also for its client-side routes.
      expect((await get('/')).body).toContain('web app from frontend/dist');
      expect((await get('/calls')).body).toContain('web app from frontend/dist');

      server.child.kill('SIGTERM');
      expect(await server.exited, server.output()).toBe(0);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 40_000);

  it('refuses to start without the Telnyx settings, as it carries no simulator', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'curbe-bundle-data-'));
    try {
      const server = startProgram('backend/dist/server.js', { DATA_DIR: dataDir, PORT: String(await freePort()) });
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain('TELNYX_API_KEY is required');
      expect(server.output()).toContain('TELNYX_PUBLIC_KEY is required');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('runs the audit CLI', async () => {
    const audit = startProgram('backend/dist/cli/audit.js', {});
    expect(await audit.exited).toBe(2);
    expect(audit.output()).toContain('Usage: npm run audit -- verify <accountId>');
  });

  const databaseUrl = process.env.DATABASE_URL;
  it.skipIf(!databaseUrl)(
    'runs the projections worker on PostgreSQL, healthy on its port, until SIGTERM',
    async () => {
      await withScratchDatabase(databaseUrl!, async (scratchUrl) => {
        const dataDir = mkdtempSync(join(tmpdir(), 'curbe-bundle-worker-'));
        const healthPort = await freePort();
        const worker = startProgram('backend/dist/projections-worker.js', {
          DATA_DIR: dataDir,
          DATABASE_URL: scratchUrl,
          PROJECTIONS: 'external',
          PROJECTIONS_HEALTH_PORT: String(healthPort),
        });
        try {
          await waitForOutput(worker, 'Projections worker running');
          const health = await fetch(`http://127.0.0.1:${healthPort}/health`);
          expect(health.status).toBe(200);
          expect(await health.json()).toEqual({ status: 'ok', eventStore: 'ok', readModels: 'ok' });
          worker.child.kill('SIGTERM');
          expect(await worker.exited, worker.output()).toBe(0);
        } finally {
          if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
          rmSync(dataDir, { recursive: true, force: true });
        }
      });
    },
    40_000,
  );
});
