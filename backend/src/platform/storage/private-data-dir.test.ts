import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApplication } from '../../composition-root';
import { loadConfig } from '../config/load-config';
import { createLogger } from '../logging/create-logger';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'curbe-private-data-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;
const UNUSED_TELNYX = {
  TELNYX_API_KEY: 'unused',
  TELNYX_PUBLIC_KEY: Buffer.alloc(32).toString('base64'),
  TELNYX_API_BASE_URL: 'http://127.0.0.1:9/v2',
};
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

describe('the data directory of the embedded backend', () => {
  it('is private to the owner, and drafts a killed process left behind are gone after a start', async () => {
    const dataDir = join(root, 'data');
    const recordings = join(dataDir, 'recordings', 'call-1');
    mkdirSync(recordings, { recursive: true, mode: 0o755 });
    writeFileSync(join(recordings, 'r1.wav'), 'audio', { mode: 0o644 });
    const staleKeyDraft = join(dataDir, '.secret-keys.json.0b7e0a52-5d2e-4f0a-9a4e-3c1f6f2f9d10.tmp');
    const staleRecordingDraft = join(recordings, 'r2.wav.0123456789ab.partial');
    const copyInFlight = join(recordings, 'r3.wav.ba9876543210.partial');
    for (const draft of [staleKeyDraft, staleRecordingDraft, copyInFlight]) writeFileSync(draft, 'half');
    utimesSync(staleKeyDraft, hoursAgo(2), hoursAgo(2));
    utimesSync(staleRecordingDraft, hoursAgo(2), hoursAgo(2));

    const result = loadConfig({ DATA_DIR: dataDir, ...UNUSED_TELNYX });
    if (!result.ok) throw new Error(result.errors.join('; '));
    const application = await composeApplication(result.config, {
      logger: createLogger({ level: 'silent' }),
      frontendDir: join(root, 'none'),
    });
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      for (const file of ['events.sqlite', 'read-models.sqlite', 'secret-keys.json']) {
        expect(modeOf(join(dataDir, file)), file).toBe(0o600);
      }
      expect(modeOf(join(dataDir, 'recordings'))).toBe(0o700);
      expect(modeOf(recordings)).toBe(0o700);
      expect(modeOf(join(recordings, 'r1.wav'))).toBe(0o600);
      expect(existsSync(staleKeyDraft)).toBe(false);
      expect(existsSync(staleRecordingDraft)).toBe(false);
      // Another replica may be copying a recording right now: a fresh draft is left alone.
      expect(existsSync(copyInFlight)).toBe(true);

      const saved = await application.deps.recordings.save(
        'call-2/r4.wav',
        (async function* () {
          yield Buffer.from('audio');
        })(),
        'audio/wav',
      );
      expect(modeOf(join(dataDir, 'recordings', saved.key))).toBe(0o600);
      expect(modeOf(join(dataDir, 'recordings', 'call-2'))).toBe(0o700);
    } finally {
      await application.close();
    }
  });
});
