import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../support/free-port';

/** Embedded mode as `npm start` runs it: the launcher, the simulator in it, the backend beside it. */

const REPOSITORY_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const LAUNCHER_ENTRY = fileURLToPath(new URL('../../../launcher/src/main.ts', import.meta.url));
const CSRF = { 'x-curbe-csrf': '1' };

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'curbe-voice-launcher-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function runLauncher(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', LAUNCHER_ENTRY], {
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

describe('the launcher (npm start)', () => {
  it('serves a working backend with the demo account on the simulator, and stops both on SIGTERM', async () => {
    const [port, simulatorPort] = [await freePort(), await freePort()];
    const launcher = runLauncher({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      TELNYX_SIM_PORT: String(simulatorPort),
    });
    try {
      await launcher.printed('Curbe Voice is listening');
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...CSRF },
        body: JSON.stringify({ email: 'ana@demo.curbe.test', password: 'curbe-demo' }),
      });
      expect(login.status).toBe(200);
      // The demo account's webhook key, as its portal (the simulator) shows it, was entered like an admin would.
      await launcher.printed('webhook key is entered');
      const { account } = (await login.json()) as { account: { id: string } };
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const keys = (await (
        await fetch(`http://127.0.0.1:${port}/api/accounts/${account.id}/webhook-keys`, { headers: { cookie } })
      ).json()) as { telnyxAccountId: string; publicKeys: string[] };
      const portal = (await (
        await fetch(`http://127.0.0.1:${simulatorPort}/sim/accounts/${keys.telnyxAccountId}/public-key`)
      ).json()) as { public_key: string };
      expect(keys.publicKeys).toEqual([portal.public_key]);
      // The backend was pointed at the simulator through the deployment's own variables.
      expect(launcher.output().stdout).toContain(`"telnyxApi":"http://127.0.0.1:${simulatorPort}/v2"`);
      expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['telnyx-sim.json', 'events.sqlite']));

      launcher.child.kill('SIGTERM');
      expect(await launcher.exited).toBe(0);
      expect(launcher.output().stdout).toContain('"msg":"stopping"');
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
      await expect(fetch(`http://127.0.0.1:${simulatorPort}/v2/phone_numbers`)).rejects.toThrow();
    } finally {
      if (launcher.child.exitCode === null) launcher.child.kill('SIGKILL');
    }
  });

  it('stops the simulator and exits 1 when the backend refuses its configuration', async () => {
    const simulatorPort = await freePort();
    const launcher = runLauncher({ PORT: 'abc', DATA_DIR: dataDir, TELNYX_SIM_PORT: String(simulatorPort) });
    expect(await launcher.exited).toBe(1);
    expect(launcher.output().stderr).toContain('PORT must be an integer 1-65535, got "abc"');
    await expect(fetch(`http://127.0.0.1:${simulatorPort}/v2/phone_numbers`)).rejects.toThrow();
  });

  it('refuses an invalid simulator port before starting anything', async () => {
    const launcher = runLauncher({ DATA_DIR: dataDir, TELNYX_SIM_PORT: 'x' });
    expect(await launcher.exited).toBe(1);
    expect(launcher.output().stderr).toContain(
      'TELNYX_SIM_PORT must be an integer 0-65535 (0 picks a free port), got "x"',
    );
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
