import { describe, expect, it } from 'vitest';
import type { CallStreams } from '../call-streams';
import { RecordingCopier } from './recording-copier';
import type { RecordingStorage } from './recording-storage';

const job = { callSid: 'CA1', recordingSid: 'RE1', sourceUrl: 'https://telnyx.example/recordings/RE1.wav' };
const quiet = { info() {}, warn() {}, error() {} };

/** A copier whose downloads answer with `statuses` in turn (200 carries audio) and whose commands are recorded. */
function copierAnswering(statuses: number[], retry = { attempts: 3, baseDelayMs: 5, maxDelayMs: 5 }) {
  const warnings: string[] = [];
  const logger = { ...quiet, warn: (...args: unknown[]) => void warnings.push(String(args[1])) };
  const commands: { type: string; data: Record<string, unknown> }[] = [];
  const fetched: string[] = [];
  const storage: RecordingStorage = {
    async save(key, audio, contentType) {
      let sizeBytes = 0;
      for await (const chunk of audio) sizeBytes += chunk.length;
      return { key, contentType, sizeBytes, sha256: 'f'.repeat(64) };
    },
    async open() {
      return null;
    },
    async delete() {},
  };
  const calls = {
    async execute(_callSid: string, command: { type: string; data: Record<string, unknown> }) {
      commands.push(command);
      return { events: [] };
    },
  } as unknown as CallStreams;
  const fetch = (async (url: string) => {
    fetched.push(url);
    const status = statuses.shift() ?? 500;
    return status === 200
      ? new Response(new Uint8Array([1, 2, 3]), { status, headers: { 'content-type': 'audio/wav' } })
      : new Response('no', { status });
  }) as typeof globalThis.fetch;
  const copier = new RecordingCopier({ storage, calls, logger, retry, fetch });
  return { copier, commands, fetched, warnings };
}

describe('RecordingCopier', () => {
  it('retries a failing download and marks the recording stored once it arrives', async () => {
    const { copier, commands, fetched } = copierAnswering([503, 500, 200]);
    copier.schedule(job);
    await copier.idle();
    expect(fetched).toHaveLength(3);
    expect(commands).toEqual([
      expect.objectContaining({
        type: 'MarkRecordingStored',
        data: expect.objectContaining({ recordingSid: 'RE1', sizeBytes: 3 }),
      }),
    ]);
  });

  it('gives up after the last attempt and records why', async () => {
    const { copier, commands, fetched } = copierAnswering([500, 500, 500, 200]);
    copier.schedule(job);
    await copier.idle();
    expect(fetched).toHaveLength(3);
    expect(commands).toEqual([
      {
        type: 'MarkRecordingCopyFailed',
        data: { callSid: 'CA1', recordingSid: 'RE1', attempts: 3, message: 'Telnyx answered 500 for the recording' },
      },
    ]);
  });

  it('does not retry an expired or missing recording', async () => {
    const { copier, commands, fetched } = copierAnswering([410]);
    copier.schedule(job);
    await copier.idle();
    expect(fetched).toHaveLength(1);
    expect(commands).toEqual([
      expect.objectContaining({ type: 'MarkRecordingCopyFailed', data: expect.objectContaining({ attempts: 1 }) }),
    ]);
  });

  it('closing cuts the wait short: one last attempt, and no failure recorded when it fails', async () => {
    const { copier, commands, fetched, warnings } = copierAnswering([500, 500], {
      attempts: 6,
      baseDelayMs: 60_000,
      maxDelayMs: 60_000,
    });
    copier.schedule(job);
    // Once the failure is logged as retried, the copier is waiting.
    while (warnings.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const started = Date.now();
    await copier.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fetched).toHaveLength(2);
    expect(commands).toEqual([]);
  });
});
