import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The production compose file must stay valid for Docker Compose: `config` parses it, checks it against
 * the Compose specification and resolves every variable. Runs wherever a compose CLI is installed
 * (CI installs Debian's `docker-compose`); no Docker engine is needed for `config`.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

function composeCommand(): string[] | null {
  for (const candidate of [['docker', 'compose'], ['docker-compose']]) {
    const probe = spawnSync(candidate[0]!, [...candidate.slice(1), 'version'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return null;
}

const compose = composeCommand();
if (!compose) console.warn('Compose validation SKIPPED: neither `docker compose` nor `docker-compose` is installed.');

function config(envFile?: string): { status: number | null; output: string } {
  const [command, ...prefix] = compose!;
  const result = spawnSync(command!, [...prefix, ...(envFile ? ['--env-file', envFile] : []), 'config'], {
    cwd: root,
    encoding: 'utf8',
    // Only the documented example file may supply values: nothing from the caller's environment.
    env: { PATH: process.env.PATH ?? '' },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe.skipIf(!compose)('docker-compose.yml', () => {
  it('validates with the documented example environment', () => {
    const { status, output } = config('deploy/production.env.example');
    expect(status, output).toBe(0);
    expect(output).toContain('PROJECTIONS: external');
    // Both services run the compiled bundle, not the TypeScript sources.
    expect(output).toMatch(/backend\/dist\/server\.js/);
    expect(output).toMatch(/backend\/dist\/projections-worker\.js/);
    expect(output).not.toContain('tsx');
  });

  it('refuses to start without the required secrets, naming one', () => {
    const { status, output } = config();
    expect(status).not.toBe(0);
    expect(output).toMatch(/POSTGRES_PASSWORD|TELNYX_API_KEY|SECRET_KEYS|SESSION_SECRET|PUBLIC_URL/);
  });
});

// Keeps the file's purpose honest: the example must not be a filled-in production file.
it('ships only placeholder secrets in the example environment', () => {
  const example = readFileSync(join(root, 'deploy/production.env.example'), 'utf8');
  expect(example).toMatch(/^POSTGRES_PASSWORD=change-me/m);
  expect(example).toMatch(/^SESSION_SECRET=change-me/m);
});
