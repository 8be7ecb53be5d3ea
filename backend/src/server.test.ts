import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER_ENTRY = fileURLToPath(new URL('./server.ts', import.meta.url));

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'curbe-voice-server-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** Never called by these tests: starting builds the Telnyx client but sends nothing (tests with the simulator: test/integration). */
const UNUSED_TELNYX = {
  TELNYX_API_KEY: 'unused',
  TELNYX_PUBLIC_KEY: Buffer.alloc(32).toString('base64'),
  TELNYX_API_BASE_URL: 'http://127.0.0.1:9/v2',
};

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((listening) => probe.listen(0, '127.0.0.1', listening));
  const address = probe.address();
  await new Promise<void>((closed) => probe.close(() => closed()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Runs `server.ts` as `npm start` does and collects what it prints. */
function runServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_ENTRY], {
    cwd: REPOSITORY_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (stdout.includes(text)) resolve();
        else if (child.exitCode !== null) reject(new Error(`exited before printing "${text}":\n${stdout}\n${stderr}`));
        else setTimeout(check, 50);
      };
      check();
    });
  return { child, exited, printed, output: () => ({ stdout, stderr }) };
}

describe('server.ts', () => {
  it('starts from the environment, serves /health and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const server = runServer({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...UNUSED_TELNYX });
    try {
      await server.printed('Curbe Voice is listening');
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      expect(response.status).toBe(200);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.output().stdout).toContain('"msg":"stopping"');
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });

  it('refuses to start on an invalid configuration, saying what is wrong', async () => {
    const server = runServer({ PORT: 'abc', LOG_LEVEL: 'loud', DATA_DIR: dataDir });
    expect(await server.exited).toBe(1);
    const { stderr } = server.output();
    expect(stderr).toContain('PORT must be an integer 1-65535, got "abc"');
    expect(stderr).toContain('LOG_LEVEL must be one of');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses to start without the Telnyx key pair', async () => {
    const server = runServer({ DATA_DIR: dataDir });
    expect(await server.exited).toBe(1);
    const { stderr } = server.output();
    expect(stderr).toContain('TELNYX_API_KEY is required');
    expect(stderr).toContain('TELNYX_PUBLIC_KEY is required');
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
