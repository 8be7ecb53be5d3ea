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
import { streamActivityEntities, streamActivityProjector } from '../testing/stream-activity-projector';
import { readCheckpointRow, readStreamActivity } from '../testing/stream-activity-snapshot';
import { appendEvents } from '../testing/test-events';
import { recordingLogger } from '../testing/recording-logger';
import { listParkedEvents } from '../parking/parked-event-store';

const fastRetry = { initialDelayMs: 10, maxDelayMs: 50 };

for (const backend of readModelBackends()) {
  describe(`Parking events a projector cannot apply (${backend.name} read models)`, () => {
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

    it('parks an event that keeps failing, records it, and projects the events after it', async () => {
      const last = await appendEvents(store, ['call-1', 'call-2'], 6);
      const events = await allEvents();
      const poison = events[4]!;
      const orm = await database.open(streamActivityEntities);
      const projections = runner({
        orm,
        retry: { ...fastRetry, parkAfterAttempts: 3 },
        projectors: [streamActivityProjector({ failOn: (event) => event.id === poison.id })],
      });

      await projections.start();
      await projections.waitFor(last.position);

      const rest = events.filter((event) => event.id !== poison.id);
      expect((await readStreamActivity(orm)).applied.map((row) => row.eventId).sort()).toEqual(
        rest.map((event) => event.id).sort(),
      );
      expect(await listParkedEvents(orm.em.fork())).toMatchObject([
        {
          projectorName: 'stream-activity',
          streamName: poison.streamName,
          revision: poison.revision,
          position: positionToString(poison.position),
          eventId: poison.id,
          eventType: poison.type,
          errorMessage: expect.stringContaining(`Projection fault on ${poison.id}`),
          attempts: 3,
          state: 'parked',
        },
      ]);
      expect((await readCheckpointRow(orm, 'stream-activity'))?.position).toBe(positionToString(last.position));
    });
  });
}
