import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore, positionToString } from '@curbe-voice/event-store';
import type { EventStore, RecordedEvent } from '@curbe-voice/event-store';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';
import {
  createTestReadModelDatabase,
  readModelBackends,
  type TestReadModelDatabase,
} from '../testing/read-model-backends';
import {
  AppliedEventEntity,
  streamActivityEntities,
  streamActivityProjector,
  StreamActivityEntity,
} from '../testing/stream-activity-projector';
import { expectedStreamActivity, readCheckpointRow, readStreamActivity } from '../testing/stream-activity-snapshot';
import { appendEvents, eventually, testEvent } from '../testing/test-events';
import { recordingLogger } from '../testing/recording-logger';
import { interruptFirstSubscription } from '../testing/interrupted-subscription-store';

const fastRetry = { initialDelayMs: 10, maxDelayMs: 50 };

for (const backend of readModelBackends()) {
  describe(`ProjectionRunner (${backend.name} read models)`, () => {
    let storeDir: string;
    let store: EventStore;
    let database: TestReadModelDatabase;
    const runners: ProjectionRunner[] = [];

    beforeEach(async () => {
      storeDir = await mkdtemp(join(tmpdir(), 'curbe-events-'));
      store = openSqliteEventStore({ filePath: join(storeDir, 'events.sqlite') });
      database = await createTestReadModelDatabase(backend);
    });

    afterEach(async () => {
      for (const runner of runners.splice(0)) await runner.stop();
      await database.dispose();
      await store.close();
      await rm(storeDir, { recursive: true, force: true });
    });

    function runner(options: Omit<ProjectionRunnerOptions, 'store'>): ProjectionRunner {
      const created = new ProjectionRunner({ store, logger: recordingLogger(), retry: fastRetry, ...options });
      runners.push(created);
      return created;
    }

    async function allEvents(): Promise<RecordedEvent[]> {
      return store.readAll();
    }

    it('builds a read model that matches the stored events, with its checkpoint at the last one', async () => {
      const last = await appendEvents(store, ['call-1', 'call-2', 'number-9'], 8);
      const orm = await database.open(streamActivityEntities);
      const projections = runner({ orm, projectors: [streamActivityProjector()] });

      await projections.start();
      await projections.waitFor(last.position);

      expect(await readStreamActivity(orm)).toEqual(expectedStreamActivity(await allEvents()));
      const checkpoint = await readCheckpointRow(orm, 'stream-activity');
      expect(checkpoint).toMatchObject({ version: 1, position: positionToString(last.position) });
    });

    it('delivers events appended after it started', async () => {
      const orm = await database.open(streamActivityEntities);
      const projections = runner({ orm, projectors: [streamActivityProjector()] });
      await projections.start();

      const first = await store.appendToStream('call-7', [testEvent('CallStarted')], { expectedRevision: 'no_stream' });
      await projections.waitFor(first.position);
      expect((await readStreamActivity(orm)).activity).toMatchObject([{ streamName: 'call-7', eventCount: 1 }]);

      const second = await store.appendToStream('call-7', [testEvent('CallEnded'), testEvent('CallRated')], {
        expectedRevision: 0,
      });
      await projections.waitFor(second.position);
      expect(await readStreamActivity(orm)).toEqual(expectedStreamActivity(await allEvents()));
    });

    it('neither skips nor repeats events when stopped midway and restarted', async () => {
      const last = await appendEvents(store, ['call-1', 'call-2', 'call-3', 'call-4'], 30);
      const firstOrm = await database.open(streamActivityEntities);
      let appliedCount = 0;
      let stopping: Promise<void> | undefined;
      const first: ProjectionRunner = runner({
        orm: firstOrm,
        maxBatchSize: 10,
        projectors: [
          streamActivityProjector({
            onApplied: () => {
              appliedCount += 1;
              if (appliedCount === 35) stopping = first.stop();
            },
          }),
        ],
      });
      await first.start();
      await eventually(() => stopping !== undefined);
      await stopping;

      // Stopped midway: the rows are exactly the events up to the checkpoint.
      const checkpoint = await readCheckpointRow(firstOrm, 'stream-activity');
      const events = await allEvents();
      const upToCheckpoint = events.slice(
        0,
        events.findIndex((e) => positionToString(e.position) === checkpoint?.position) + 1,
      );
      expect(upToCheckpoint.length).toBeGreaterThanOrEqual(35);
      expect(upToCheckpoint.length).toBeLessThan(events.length);
      expect(await readStreamActivity(firstOrm)).toEqual(expectedStreamActivity(upToCheckpoint));
      await firstOrm.close(true);

      // A new process: new ORM and runner against the same database.
      const secondOrm = await database.open(streamActivityEntities);
      const second = runner({ orm: secondOrm, maxBatchSize: 10, projectors: [streamActivityProjector()] });
      await second.start();
      await second.waitFor(last.position);

      const snapshot = await readStreamActivity(secondOrm);
      expect(snapshot.applied).toHaveLength(120);
      expect(snapshot.applied.every((row) => row.timesApplied === 1)).toBe(true);
      expect(snapshot).toEqual(expectedStreamActivity(events));
    });

    it('rolls back rows and checkpoint together when a projector throws mid-batch, then resumes once fixed', async () => {
      const last = await appendEvents(store, ['call-1', 'call-2'], 15);
      const events = await allEvents();
      const faulty = events[17]!;
      let faultActive = true;
      let faultHits = 0;
      const logger = recordingLogger();
      const orm = await database.open(streamActivityEntities);
      const projections = runner({
        orm,
        logger,
        maxBatchSize: 50,
        retry: { ...fastRetry, parkAfterAttempts: 1_000_000 },
        projectors: [
          streamActivityProjector({
            failOn: (event) => {
              const fails = faultActive && event.id === faulty.id;
              if (fails) faultHits += 1;
              return fails;
            },
          }),
        ],
      });

      await projections.start();
      await eventually(() => faultHits >= 3);

      // Retried, never skipped: nothing at or after the faulty event is in, and no row of the failed
      // transaction survived (each earlier event is there exactly once).
      expect(await readStreamActivity(orm)).toEqual(expectedStreamActivity(events.slice(0, 17)));
      expect((await readCheckpointRow(orm, 'stream-activity'))?.position).toBe(positionToString(events[16]!.position));
      const failure = logger.entries.find((entry) => entry.level === 'error');
      expect(failure?.obj).toMatchObject({ projector: 'stream-activity', event: { id: faulty.id, type: faulty.type } });
      await expect(projections.waitFor(last.position, 100)).rejects.toThrow(/stream-activity/);

      faultActive = false;
      await projections.waitFor(last.position);
      expect(await readStreamActivity(orm)).toEqual(expectedStreamActivity(events));
    });

    it('resubscribes from its checkpoint when the subscription breaks, without losing or repeating events', async () => {
      const last = await appendEvents(store, ['call-1', 'call-2'], 10);
      const logger = recordingLogger();
      const orm = await database.open(streamActivityEntities);
      const projections = new ProjectionRunner({
        store: interruptFirstSubscription(store, 7),
        orm,
        logger,
        retry: fastRetry,
        projectors: [streamActivityProjector()],
      });
      runners.push(projections);

      await projections.start();
      await projections.waitFor(last.position);

      expect(await readStreamActivity(orm)).toEqual(expectedStreamActivity(await allEvents()));
      expect(logger.entries).toContainEqual(
        expect.objectContaining({ level: 'error', msg: expect.stringMatching(/resubscribing/) }),
      );
    });

    it('applies each event once even when two runners feed the same read model', async () => {
      // PostgreSQL: two ORMs, as two processes would have. SQLite is embedded (one process), and
      // better-sqlite3 waits for locks synchronously, so there both runners share one connection.
      const first = await database.open(streamActivityEntities);
      const orms =
        backend.name === 'postgresql' ? [first, await database.open(streamActivityEntities)] : [first, first];
      const projections = orms.map((orm) => runner({ orm, maxBatchSize: 5, projectors: [streamActivityProjector()] }));
      await Promise.all(projections.map((each) => each.start()));

      const last = await appendEvents(store, ['call-1', 'call-2', 'call-3'], 20);
      await Promise.all(projections.map((each) => each.waitFor(last.position)));

      const snapshot = await readStreamActivity(orms[0]!);
      expect(snapshot.applied.filter((row) => row.timesApplied !== 1)).toEqual([]);
      expect(snapshot).toEqual(expectedStreamActivity(await allEvents()));
    });

    it('rebuilds a read model from scratch into identical rows', async () => {
      const last = await appendEvents(store, ['call-1', 'call-2', 'number-1'], 10);
      const orm = await database.open(streamActivityEntities);
      const projections = runner({ orm, projectors: [streamActivityProjector()] });
      await projections.start();
      await projections.waitFor(last.position);
      const built = await readStreamActivity(orm);

      // Damage the read model: only a rebuild from the events can repair it.
      const em = orm.em.fork();
      await em.nativeUpdate(StreamActivityEntity, { streamName: 'call-1' }, { eventCount: 999 });
      await em.nativeDelete(AppliedEventEntity, { streamName: 'call-2' });
      expect(await readStreamActivity(orm)).not.toEqual(built);

      await projections.rebuild('stream-activity');
      await projections.waitFor(last.position);
      expect(await readStreamActivity(orm)).toEqual(built);
      expect(built).toEqual(expectedStreamActivity(await allEvents()));
    });

    it('rebuilds a projector automatically when its version changes', async () => {
      const last = await appendEvents(store, ['call-1', 'call-2'], 6);
      const orm = await database.open(streamActivityEntities);
      const v1 = runner({ orm, projectors: [streamActivityProjector({ version: 1, builtBy: 'v1' })] });
      await v1.start();
      await v1.waitFor(last.position);
      await v1.stop();
      expect(await readStreamActivity(orm)).toEqual(expectedStreamActivity(await allEvents(), 'v1'));

      const logger = recordingLogger();
      const v2 = runner({ orm, logger, projectors: [streamActivityProjector({ version: 2, builtBy: 'v2' })] });
      await v2.start();
      await v2.waitFor(last.position);

      expect(await readStreamActivity(orm)).toEqual(expectedStreamActivity(await allEvents(), 'v2'));
      expect(await readCheckpointRow(orm, 'stream-activity')).toMatchObject({ version: 2 });
      expect(logger.entries).toContainEqual(
        expect.objectContaining({ level: 'warn', obj: expect.objectContaining({ fromVersion: 1, toVersion: 2 }) }),
      );
    });

    it('applies only the events a projector filters for, and waitFor does not wait on unrelated events', async () => {
      const orm = await database.open(streamActivityEntities);
      const projections = runner({
        orm,
        projectors: [streamActivityProjector({ filter: { streamNamePrefixes: ['call-'] } })],
      });
      await projections.start();

      await appendEvents(store, ['call-1', 'number-1'], 3);
      const unrelated = await store.appendToStream('number-2', [testEvent()], { expectedRevision: 'any' });
      await projections.waitFor(unrelated.position);

      const calls = (await allEvents()).filter((event) => event.streamName.startsWith('call-'));
      expect(await readStreamActivity(orm)).toEqual(expectedStreamActivity(calls));
    });

    it('waitFor reads its own writes across several projectors and rejects when not running', async () => {
      const orm = await database.open(streamActivityEntities);
      const projections = runner({
        orm,
        projectors: [streamActivityProjector(), { name: 'noop', version: 1, entities: [], apply: async () => {} }],
      });
      await expect(projections.waitFor({ commit: 0n, prepare: 0n })).rejects.toThrow(/not running/);
      await projections.start();

      for (let index = 0; index < 5; index += 1) {
        const written = await store.appendToStream('call-9', [testEvent()], { expectedRevision: 'any' });
        await projections.waitFor(written.position);
        expect((await readStreamActivity(orm)).activity).toMatchObject([
          { streamName: 'call-9', eventCount: index + 1 },
        ]);
      }
    });

    it('refuses to start a projector whose entities the ORM does not know', async () => {
      const orm = await database.open([]);
      const projections = runner({ orm, projectors: [streamActivityProjector()] });
      await expect(projections.start()).rejects.toThrow(/StreamActivity.*createReadModelOrm/);
    });
  });
}
