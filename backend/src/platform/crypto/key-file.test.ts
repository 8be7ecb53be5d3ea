import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOrCreateKeyFile } from './key-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'key-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('readOrCreateKeyFile', () => {
  it('creates the file, and its folders, with the generated contents, readable by the owner only', () => {
    const path = join(dir, 'data', 'nested', 'key');
    expect(readOrCreateKeyFile(path, () => 'first-key\n')).toBe('first-key\n');
    expect(readFileSync(path, 'utf8')).toBe('first-key\n');
    expect(modeOf(path)).toBe(0o600);
    expect(readdirSync(join(dir, 'data', 'nested'))).toEqual(['key']);
  });

  it('reads an existing file without generating a new key', () => {
    const path = join(dir, 'key');
    readOrCreateKeyFile(path, () => 'kept');
    expect(readOrCreateKeyFile(path, () => expect.unreachable('a key was generated again'))).toBe('kept');
  });

  it('tightens the permissions of an existing file', () => {
    const path = join(dir, 'key');
    writeFileSync(path, 'restored');
    chmodSync(path, 0o644);
    expect(readOrCreateKeyFile(path, () => 'new')).toBe('restored');
    expect(modeOf(path)).toBe(0o600);
  });

  it('keeps the key of a process that created the file first, leaving no draft behind', () => {
    const path = join(dir, 'key');
    // The other process finishes its create between our existence check and ours.
    const result = readOrCreateKeyFile(path, () => {
      writeFileSync(path, 'theirs', { mode: 0o600 });
      return 'ours';
    });
    expect(result).toBe('theirs');
    expect(readdirSync(dir)).toEqual(['key']);
  });

  it('gives every one of several processes starting at once the same key', async () => {
    const path = join(dir, 'data', 'key');
    const module = fileURLToPath(new URL('./key-file.ts', import.meta.url));
    const script = `
      const { randomBytes } = await import('node:crypto');
      const { readOrCreateKeyFile } = await import(${JSON.stringify(module)});
      process.stdout.write(readOrCreateKeyFile(${JSON.stringify(path)}, () => randomBytes(32).toString('base64')));
    `;
    const run = promisify(execFile);
    const outputs = await Promise.all(
      Array.from({ length: 6 }, () => run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script])),
    );
    const keys = new Set(outputs.map(({ stdout }) => stdout));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toBe(readFileSync(path, 'utf8'));
    expect(readdirSync(join(dir, 'data'))).toEqual(['key']);
  }, 30_000);
});
