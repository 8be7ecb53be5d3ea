import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEventData } from '@curbe-voice/contracts';
import { ANA_NUMBER, createCallFixture, CUSTOMER, type CallFixture } from '../../support/call-fixture';
import { loadStorageConfig } from '@curbe-voice/backend';
import {
  CallStreams,
  purgeExpiredRecordings,
  type RecordingPurgerDeps,
  RetentionJob,
} from '@curbe-voice/backend/testing';

/** A real answered call with its recording copied into our storage, then the retention policy. */
let fx: CallFixture;
let callSid: string;
let deps: RecordingPurgerDeps;
const DAY_MS = 86_400_000;
const silent = { info: () => {}, warn: () => {}, error: () => {} };

beforeAll(async () => {
  fx = await createCallFixture();
  await fx.settings({ timeScale: 0.01 });
  await fx.callee(`sip:${fx.anaSipUsername}@sip.telnyx.com`, {
    behaviour: 'answer',
    answerAfterMs: 200,
    hangupAfterMs: 1500,
  });
  callSid = await fx.placeInbound(CUSTOMER, ANA_NUMBER);
  await fx.settled(callSid);
  await fx.historyRowWhen(callSid, (row) => row.recordingStored && row.endedAt !== null);
  const { deps: server } = fx.server;
  deps = {
    orm: server.readModels,
    calls: new CallStreams(server.eventStore),
    storage: server.recordings,
    retentionDays: 30,
    logger: silent,
  };
}, 60_000);
afterAll(async () => {
  await fx?.close();
});

const recordingUrl = () => `/api/calls/${encodeURIComponent(callSid)}/recording`;
const listen = async (user: 'ana' | 'audrey') =>
  fx.server.app.inject({ method: 'GET', url: recordingUrl(), headers: { cookie: await fx.signIn(user) } });

describe('recording retention', () => {
  it('reads RECORDING_RETENTION_DAYS (unset keeps recordings forever)', () => {
    const days = loadStorageConfig({ RECORDING_RETENTION_DAYS: '90' });
    expect(days.ok && days.config.recordingRetentionDays).toBe(90);
    const unset = loadStorageConfig({});
    expect(unset.ok && unset.config.recordingRetentionDays).toBeUndefined();
    expect(loadStorageConfig({ RECORDING_RETENTION_DAYS: '0' })).toEqual({
      ok: false,
      errors: [
        'RECORDING_RETENTION_DAYS must be a whole number of days 1-36500 (unset keeps recordings forever), got "0"',
      ],
    });
  });

  it('keeps recordings younger than the retention', async () => {
    const outcome = await purgeExpiredRecordings(deps, new Date(Date.now() + 29 * DAY_MS));
    expect(outcome).toEqual({ purged: [], failed: 0 });
    expect((await listen('ana')).statusCode).toBe(200);
  });

  it('deletes older ones from storage once, records what it deleted, and the history shows them as purged', async () => {
    const stored = (await fx.events(callSid)).find((event) => event.type === 'RecordingStored')!
      .data as CallEventData<'RecordingStored'>;
    expect(await fx.server.deps.recordings.open(stored.storageKey)).not.toBeNull();

    const later = new Date(Date.now() + 31 * DAY_MS);
    // Two instances purging at the same moment: the audio goes, and exactly one event says so.
    const [first, second] = await Promise.all([
      purgeExpiredRecordings(deps, later),
      purgeExpiredRecordings(deps, later),
    ]);
    expect(first.purged.length + second.purged.length).toBe(1);
    expect(await fx.server.deps.recordings.open(stored.storageKey)).toBeNull();

    const purged = (await fx.events(callSid)).filter((event) => event.type === 'RecordingPurged');
    expect(purged).toHaveLength(1);
    expect(purged[0]!.data).toEqual({
      callSid,
      recordingSid: stored.recordingSid,
      storageKey: stored.storageKey,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      reason: 'retention',
      retentionDays: 30,
      purgedAt: later.toISOString(),
    });
    expect(purged[0]!.metadata.actor).toBe('system');

    await fx.caughtUp();
    expect(await fx.historyRow(callSid)).toMatchObject({
      recordingStored: false,
      recordingPurgedAt: later.toISOString(),
      recordingSha256: stored.sha256,
    });
    const gone = await listen('audrey');
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ message: expect.stringContaining('retention policy') });
    const history = await fx.server.app.inject({
      method: 'GET',
      url: `/api/calls/${encodeURIComponent(callSid)}`,
      headers: { cookie: await fx.signIn('ana') },
    });
    expect(history.json()).toMatchObject({ recording: { stored: false, url: null, purgedAt: later.toISOString() } });

    // A later pass finds nothing left to do.
    expect(await purgeExpiredRecordings(deps, new Date(later.getTime() + DAY_MS))).toEqual({ purged: [], failed: 0 });
  });

  it('runs a pass as soon as the job starts, and one at a time', async () => {
    let passes = 0;
    let release!: () => void;
    const job = new RetentionJob(
      () =>
        new Promise((resolve) => {
          passes += 1;
          release = () => resolve({ purged: [], failed: 0 });
        }),
      silent,
    );
    const first = job.start();
    const meanwhile = job.runOnce();
    expect(passes).toBe(1);
    release();
    expect(await first).toEqual({ purged: [], failed: 0 });
    expect(await meanwhile).toEqual({ purged: [], failed: 0 });
    await job.stop();
    expect(await job.runOnce()).toBeNull();
    expect(passes).toBe(1);
  });
});
