/* eslint-disable max-lines -- the one behavioural contract every event-store adapter must pass, kept whole so adapters cannot drift */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../port';
import { WrongExpectedVersionError, comparePositions } from '../port';
import { ids, iterate, markPosition, newEvent, take, uniqueTag } from './contract-helpers';

export interface EventStoreUnderTest {
  store: EventStore;
  cleanup: () => Promise<void>;
}

/**
 * The behaviour every event store adapter must share. `open` returns a fresh store for each test;
 * tests name their streams and types after a random tag, so the suite can run against a shared server.
 */
export function describeEventStoreContract(name: string, open: () => Promise<EventStoreUnderTest>): void {
  describe(`${name}: event store contract`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    let tag: string;

    beforeEach(async () => {
      ({ store, cleanup } = await open());
      tag = uniqueTag();
    });
    afterEach(async () => {
      await cleanup();
    });

    async function conflictOf(promise: Promise<unknown>): Promise<WrongExpectedVersionError> {
      const error = await promise.then(
        () => undefined,
        (rejection: unknown) => rejection,
      );
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      return error as WrongExpectedVersionError;
    }

    async function appendOneByOne(stream: string, count: number): Promise<NewEvent[]> {
      const events: NewEvent[] = [];
      for (let index = 0; index < count; index += 1) {
        const event = newEvent(`${tag}.Happened`, { index });
        await store.appendToStream(stream, [event], { expectedRevision: index === 0 ? 'no_stream' : index - 1 });
        events.push(event);
      }
      return events;
    }

    describe('appending and reading a stream', () => {
      it('stores events with their data, metadata, revision and position', async () => {
        const stream = `${tag}-call-1`;
        const before = Date.now();
        const started = newEvent(`${tag}.CallStarted`, { from: '+15550001111', legs: [1, 2], note: 'héllo ✓' });
        const ended = newEvent(`${tag}.CallEnded`, { durationSeconds: 42 });
        const result = await store.appendToStream(stream, [started, ended], { expectedRevision: 'no_stream' });

        const read = await store.readStream(stream);
        expect(
          read.map(({ id, type, data, metadata, streamName, revision }) => ({
            id,
            type,
            data,
            metadata,
            streamName,
            revision,
          })),
        ).toEqual([
          { ...started, streamName: stream, revision: 0 },
          { ...ended, streamName: stream, revision: 1 },
        ]);
        expect(result.nextExpectedRevision).toBe(1);
        expect(read[1]!.position).toEqual(result.position);
        expect(comparePositions(read[0]!.position, read[1]!.position)).toBeLessThan(0);
        for (const event of read) {
          expect(event.recordedAt).toBeInstanceOf(Date);
          // Server clocks may differ from ours; a few minutes of skew is tolerated.
          expect(Math.abs(event.recordedAt.getTime() - before)).toBeLessThan(5 * 60_000);
        }
      });

      it('round-trips the metadata (correlation, causation, actor, occurredAt, schema version, extras)', async () => {
        const stream = `${tag}-call-1`;
        const metadata = {
          correlationId: '6f1c2b1e-8a53-4c7e-9a57-3b0c1f4f9d10',
          causationId: '0d9e9a8c-1b6f-4f7e-8f38-2f3a6a1c5b22',
          actor: 'user:agent-7',
          occurredAt: '2025-03-04T05:06:07.089Z',
          schemaVersion: 3,
          webhookId: 'evt_123',
        };
        const event: NewEvent = { ...newEvent(`${tag}.CallAnswered`, { leg: 'a' }), metadata };
        const from = await markPosition(store);
        const { position } = await store.appendToStream(stream, [event], { expectedRevision: 'any' });

        const [fromStream] = await store.readStream(stream);
        const [fromAll] = await store.readAll({ fromPosition: from, filter: { streamNamePrefixes: [stream] } });
        const subscription = store.subscribeToAll({ fromPosition: from, filter: { streamNamePrefixes: [stream] } });
        const [fromSubscription] = await take(iterate(subscription), 1);
        await subscription.unsubscribe();
        expect(fromStream!.metadata).toEqual(metadata);
        expect(fromAll!.metadata).toEqual(metadata);
        expect(fromSubscription!.metadata).toEqual(metadata);
        expect(fromAll!.position).toEqual(position);
      });

      it('reads a stream that does not exist as empty, in both directions', async () => {
        expect(await store.readStream(`${tag}-missing`)).toEqual([]);
        expect(await store.readStream(`${tag}-missing`, { direction: 'backwards' })).toEqual([]);
      });

      it('reads forwards and backwards from a revision, up to maxCount', async () => {
        const stream = `${tag}-number-1`;
        const events = await appendOneByOne(stream, 5);
        const revisions = (read: RecordedEvent[]) => read.map((event) => event.revision);

        expect(ids(await store.readStream(stream))).toEqual(ids(events));
        expect(revisions(await store.readStream(stream, { fromRevision: 2 }))).toEqual([2, 3, 4]);
        expect(revisions(await store.readStream(stream, { fromRevision: 1, maxCount: 2 }))).toEqual([1, 2]);
        expect(revisions(await store.readStream(stream, { fromRevision: 'start', maxCount: 1 }))).toEqual([0]);
        expect(revisions(await store.readStream(stream, { fromRevision: 9 }))).toEqual([]);
        expect(revisions(await store.readStream(stream, { maxCount: 0 }))).toEqual([]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', maxCount: 1 }))).toEqual([4]);
        expect(
          revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 3, maxCount: 2 })),
        ).toEqual([3, 2]);
        expect(
          revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 'end', maxCount: 2 })),
        ).toEqual([4, 3]);
      });

      it('answers ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('expected revisions', () => {
      it('no_stream: creates the stream, then conflicts with the actual revision', async () => {
        const stream = `${tag}-call-1`;
        await store.appendToStream(stream, [newEvent(`${tag}.A`), newEvent(`${tag}.B`)], {
          expectedRevision: 'no_stream',
        });

        const conflict = await conflictOf(
          store.appendToStream(stream, [newEvent(`${tag}.C`)], { expectedRevision: 'no_stream' }),
        );
        expect(conflict).toMatchObject({ streamName: stream, expected: 'no_stream', actual: 1 });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('a revision: appends when it is the last one, else conflicts with the actual revision', async () => {
        const stream = `${tag}-call-1`;
        const first = await store.appendToStream(stream, [newEvent(`${tag}.A`)], { expectedRevision: 'no_stream' });
        const second = await store.appendToStream(stream, [newEvent(`${tag}.B`)], {
          expectedRevision: first.nextExpectedRevision,
        });
        expect(second.nextExpectedRevision).toBe(1);

        for (const stale of [0, 5]) {
          const conflict = await conflictOf(
            store.appendToStream(stream, [newEvent(`${tag}.C`)], { expectedRevision: stale }),
          );
          expect(conflict).toMatchObject({ streamName: stream, expected: stale, actual: 1 });
        }
        const onMissing = await conflictOf(
          store.appendToStream(`${tag}-missing`, [newEvent(`${tag}.C`)], { expectedRevision: 0 }),
        );
        expect(onMissing).toMatchObject({ expected: 0, actual: 'no_stream' });
        expect(await store.readStream(stream)).toHaveLength(2);
        expect(await store.readStream(`${tag}-missing`)).toEqual([]);
      });

      it('stream_exists: conflicts on a missing stream, appends to an existing one', async () => {
        const stream = `${tag}-call-1`;
        const conflict = await conflictOf(
          store.appendToStream(stream, [newEvent(`${tag}.A`)], { expectedRevision: 'stream_exists' }),
        );
        expect(conflict).toMatchObject({ streamName: stream, expected: 'stream_exists', actual: 'no_stream' });

        await store.appendToStream(stream, [newEvent(`${tag}.A`)], { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(stream, [newEvent(`${tag}.B`)], {
          expectedRevision: 'stream_exists',
        });
        expect(result.nextExpectedRevision).toBe(1);
      });

      it('any: appends whatever the stream state', async () => {
        const stream = `${tag}-call-1`;
        expect(
          (await store.appendToStream(stream, [newEvent(`${tag}.A`)], { expectedRevision: 'any' }))
            .nextExpectedRevision,
        ).toBe(0);
        expect(
          (await store.appendToStream(stream, [newEvent(`${tag}.B`)], { expectedRevision: 'any' }))
            .nextExpectedRevision,
        ).toBe(1);
      });
    });

    describe('idempotent retries', () => {
      it('appending the same ids at the same expected revision succeeds once and returns the original result', async () => {
        const stream = `${tag}-call-1`;
        const batch = [newEvent(`${tag}.A`), newEvent(`${tag}.B`)];
        const original = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
        const retried = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });

        expect(retried).toEqual(original);
        expect(ids(await store.readStream(stream))).toEqual(ids(batch));
      });

      it('still recognises the retry after the stream has moved on', async () => {
        const stream = `${tag}-call-1`;
        const first = [newEvent(`${tag}.A`)];
        const second = [newEvent(`${tag}.B`), newEvent(`${tag}.C`)];
        const third = [newEvent(`${tag}.D`)];
        const firstResult = await store.appendToStream(stream, first, { expectedRevision: 'no_stream' });
        const secondResult = await store.appendToStream(stream, second, { expectedRevision: 0 });
        await store.appendToStream(stream, third, { expectedRevision: 2 });

        expect(await store.appendToStream(stream, second, { expectedRevision: 0 })).toEqual(secondResult);
        expect(await store.appendToStream(stream, first, { expectedRevision: 'no_stream' })).toEqual(firstResult);
        expect(ids(await store.readStream(stream))).toEqual(ids([...first, ...second, ...third]));
      });
    });

    describe('atomic appends', () => {
      it('gives the events of one append contiguous revisions and ascending positions', async () => {
        const stream = `${tag}-call-1`;
        await store.appendToStream(stream, [newEvent(`${tag}.A`)], { expectedRevision: 'no_stream' });
        const batch = [newEvent(`${tag}.B`), newEvent(`${tag}.C`), newEvent(`${tag}.D`)];
        const result = await store.appendToStream(stream, batch, { expectedRevision: 0 });

        const read = await store.readStream(stream, { fromRevision: 1 });
        expect(read.map((event) => event.revision)).toEqual([1, 2, 3]);
        expect(ids(read)).toEqual(ids(batch));
        expect(result).toEqual({ nextExpectedRevision: 3, position: read[2]!.position });
        expect(comparePositions(read[0]!.position, read[1]!.position)).toBeLessThan(0);
        expect(comparePositions(read[1]!.position, read[2]!.position)).toBeLessThan(0);
      });

      it('writes none of the events of a rejected append', async () => {
        const stream = `${tag}-call-1`;
        await store.appendToStream(stream, [newEvent(`${tag}.A`)], { expectedRevision: 'no_stream' });
        await conflictOf(
          store.appendToStream(stream, [newEvent(`${tag}.B`), newEvent(`${tag}.C`), newEvent(`${tag}.D`)], {
            expectedRevision: 'no_stream',
          }),
        );
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('keeps every event exactly once when 20 writers race to append to one stream', async () => {
        const stream = `${tag}-counter-1`;
        const writers = 20;

        // Each writer loads the stream, decides the next count from it and appends; on conflict it starts over.
        async function writer(writerId: number): Promise<void> {
          for (;;) {
            const history = await store.readStream(stream);
            const expected: ExpectedRevision =
              history.length === 0 ? 'no_stream' : history[history.length - 1]!.revision;
            const event = newEvent(`${tag}.Counted`, { writerId, count: history.length + 1 });
            try {
              await store.appendToStream(stream, [event], { expectedRevision: expected });
              return;
            } catch (error) {
              if (!(error instanceof WrongExpectedVersionError)) throw error;
            }
          }
        }
        await Promise.all(Array.from({ length: writers }, (_, writerId) => writer(writerId)));

        const final = await store.readStream(stream);
        expect(final.map((event) => event.revision)).toEqual(Array.from({ length: writers }, (_, index) => index));
        expect(final.map((event) => (event.data as { count: number }).count)).toEqual(
          Array.from({ length: writers }, (_, index) => index + 1),
        );
        expect(new Set(final.map((event) => (event.data as { writerId: number }).writerId)).size).toBe(writers);
        expect(new Set(ids(final)).size).toBe(writers);
      });
    });

    describe('reading $all', () => {
      it('returns events of all streams in append order from an exclusive position', async () => {
        const from = await markPosition(store);
        const appended: { id: string; position: unknown }[] = [];
        for (const stream of ['a', 'b', 'a', 'c', 'b']) {
          const event = newEvent(`${tag}.Happened`, { stream });
          const { position } = await store.appendToStream(`${tag}-${stream}`, [event], { expectedRevision: 'any' });
          appended.push({ id: event.id, position });
        }

        const all = await store.readAll({ fromPosition: from, filter: { streamNamePrefixes: [`${tag}-`] } });
        expect(ids(all)).toEqual(ids(appended));
        expect(all.map((event) => event.position)).toEqual(appended.map((event) => event.position));
        expect(all.map((event) => event.streamName)).toEqual(
          ['a', 'b', 'a', 'c', 'b'].map((stream) => `${tag}-${stream}`),
        );

        const afterSecond = await store.readAll({
          fromPosition: all[1]!.position,
          maxCount: 2,
          filter: { streamNamePrefixes: [`${tag}-`] },
        });
        expect(ids(afterSecond)).toEqual(ids(all.slice(2, 4)));
        const unfiltered = await store.readAll({ fromPosition: all[3]!.position, maxCount: 1 });
        expect(ids(unfiltered)).toEqual([all[4]!.id]);
      });

      it('filters by stream-name and event-type prefixes, OR-ed', async () => {
        const from = await markPosition(store);
        const call = newEvent(`${tag}.CallStarted`);
        const number = newEvent(`${tag}.NumberOrdered`);
        const user = newEvent(`${tag}.UserInvited`);
        await store.appendToStream(`${tag}-call-1`, [call], { expectedRevision: 'no_stream' });
        await store.appendToStream(`${tag}-number-1`, [number], { expectedRevision: 'no_stream' });
        await store.appendToStream(`${tag}-user-1`, [user], { expectedRevision: 'no_stream' });
        const readIds = async (filter: { streamNamePrefixes?: string[]; eventTypePrefixes?: string[] }) =>
          ids(await store.readAll({ fromPosition: from, filter }));

        expect(await readIds({ streamNamePrefixes: [`${tag}-call-`] })).toEqual([call.id]);
        expect(await readIds({ streamNamePrefixes: [`${tag}-call-`, `${tag}-user-`] })).toEqual([call.id, user.id]);
        expect(await readIds({ eventTypePrefixes: [`${tag}.Number`] })).toEqual([number.id]);
        expect(await readIds({ streamNamePrefixes: [`${tag}-call-`], eventTypePrefixes: [`${tag}.User`] })).toEqual([
          call.id,
          user.id,
        ]);
        expect(await readIds({ streamNamePrefixes: [`${tag}-CALL-`] })).toEqual([]);
      });

      it('reads and filters across more events than fit in one page', async () => {
        const from = await markPosition(store);
        const bulk: NewEvent[] = [];
        for (let batch = 0; batch < 12; batch += 1) {
          const events = Array.from({ length: 100 }, (_, index) => newEvent(`${tag}.Bulk`, { batch, index }));
          await store.appendToStream(`${tag}-bulk-1`, events, { expectedRevision: 'any' });
          bulk.push(...events);
        }
        const last = newEvent(`${tag}.CallStarted`);
        await store.appendToStream(`${tag}-call-1`, [last], { expectedRevision: 'no_stream' });

        expect(
          ids(await store.readAll({ fromPosition: from, filter: { streamNamePrefixes: [`${tag}-call-`] } })),
        ).toEqual([last.id]);
        expect(ids(await store.readAll({ fromPosition: from, maxCount: 700 }))).toEqual(ids(bulk.slice(0, 700)));
        const subscription = store.subscribeToAll({ fromPosition: from, filter: { streamNamePrefixes: [`${tag}-`] } });
        expect(ids(await take(iterate(subscription), bulk.length + 1))).toEqual(ids([...bulk, last]));
        await subscription.unsubscribe();
      });

      it('never returns system events', async () => {
        await markPosition(store);
        const all = await store.readAll({ maxCount: 500 });
        expect(all.length).toBeGreaterThan(0);
        expect(all.filter((event) => event.type.startsWith('$'))).toEqual([]);
      });
    });

    describe('subscribing to $all', () => {
      it('catches up on stored events, then delivers new ones live', async () => {
        const from = await markPosition(store);
        const stored = [newEvent(`${tag}.A`), newEvent(`${tag}.B`), newEvent(`${tag}.C`)];
        await store.appendToStream(`${tag}-call-1`, stored, { expectedRevision: 'no_stream' });

        const subscription = store.subscribeToAll({ fromPosition: from, filter: { streamNamePrefixes: [`${tag}-`] } });
        const events = iterate(subscription);
        expect(ids(await take(events, 3))).toEqual(ids(stored));

        const pending = take(events, 2);
        const live = [newEvent(`${tag}.D`), newEvent(`${tag}.E`)];
        await store.appendToStream(`${tag}-call-1`, live.slice(0, 1), { expectedRevision: 2 });
        await store.appendToStream(`${tag}-call-2`, live.slice(1), { expectedRevision: 'no_stream' });
        const delivered = await pending;
        expect(ids(delivered)).toEqual(ids(live));
        expect(delivered.map((event) => event.streamName)).toEqual([`${tag}-call-1`, `${tag}-call-2`]);

        await subscription.unsubscribe();
        expect((await events.next()).done).toBe(true);
      });

      it('resumes from a checkpoint with nothing missed and nothing repeated', async () => {
        const stream = `${tag}-call-1`;
        const filter = { streamNamePrefixes: [`${tag}-`] };
        const from = await markPosition(store);
        const firstBatch = await appendOneByOne(stream, 5);

        const first = store.subscribeToAll({ fromPosition: from, filter });
        const seen = await take(iterate(first), 3);
        await first.unsubscribe();
        const checkpoint = seen[2]!.position;

        const more = [newEvent(`${tag}.F`), newEvent(`${tag}.G`), newEvent(`${tag}.H`)];
        await store.appendToStream(stream, more, { expectedRevision: 4 });

        const resumed = store.subscribeToAll({ fromPosition: checkpoint, filter });
        const events = iterate(resumed);
        expect(ids(await take(events, 5))).toEqual(ids([...firstBatch.slice(3), ...more]));
        const sentinel = newEvent(`${tag}.Sentinel`);
        await store.appendToStream(stream, [sentinel], { expectedRevision: 7 });
        expect(ids(await take(events, 1))).toEqual([sentinel.id]);
        await resumed.unsubscribe();
      });

      it('delivers only events matching a prefix filter, live as well', async () => {
        const from = await markPosition(store);
        const call = newEvent(`${tag}.CallStarted`);
        const number = newEvent(`${tag}.NumberOrdered`);
        const user = newEvent(`${tag}.UserInvited`);
        await store.appendToStream(`${tag}-call-1`, [call], { expectedRevision: 'no_stream' });

        const both = store.subscribeToAll({
          fromPosition: from,
          filter: { streamNamePrefixes: [`${tag}-call-`], eventTypePrefixes: [`${tag}.User`] },
        });
        const byType = store.subscribeToAll({
          fromPosition: from,
          filter: { eventTypePrefixes: [`${tag}.Number`, `${tag}.User`] },
        });
        const bothEvents = iterate(both);
        const byTypeEvents = iterate(byType);
        expect(ids(await take(bothEvents, 1))).toEqual([call.id]);

        const pendingBoth = take(bothEvents, 1);
        const pendingByType = take(byTypeEvents, 2);
        await store.appendToStream(`${tag}-number-1`, [number], { expectedRevision: 'no_stream' });
        await store.appendToStream(`${tag}-user-1`, [user], { expectedRevision: 'no_stream' });
        expect(ids(await pendingBoth)).toEqual([user.id]);
        expect(ids(await pendingByType)).toEqual([number.id, user.id]);
        await Promise.all([both.unsubscribe(), byType.unsubscribe()]);
      });

      it('ends a for-await loop that is waiting for live events when unsubscribed', async () => {
        const from = await markPosition(store);
        await store.appendToStream(`${tag}-call-1`, [newEvent(`${tag}.A`)], { expectedRevision: 'no_stream' });
        const subscription = store.subscribeToAll({ fromPosition: from, filter: { streamNamePrefixes: [`${tag}-`] } });

        let received!: () => void;
        const firstReceived = new Promise<void>((resolve) => (received = resolve));
        const seen: RecordedEvent[] = [];
        const loop = (async () => {
          for await (const event of subscription) {
            seen.push(event);
            received();
          }
        })();
        await firstReceived;
        await subscription.unsubscribe();
        await loop;
        expect(seen).toHaveLength(1);
      });
    });

    describe('bad input', () => {
      it('rejects malformed appends with a clear error and writes nothing', async () => {
        const stream = `${tag}-call-1`;
        const valid = newEvent(`${tag}.A`);
        const attempts: [string, NewEvent[], unknown][] = [
          ['', [valid], 'any'],
          [`$${tag}`, [valid], 'any'],
          [stream, [], 'any'],
          [stream, [{ ...valid, id: 'not-a-uuid' }], 'any'],
          [stream, [valid, valid], 'any'],
          [stream, [{ ...valid, type: '' }], 'any'],
          [stream, [{ ...valid, type: '$metadata' }], 'any'],
          [stream, [{ ...valid, data: { amount: 1n } }], 'any'],
          [stream, [valid], -1],
          [stream, [valid], 1.5],
          [stream, [valid], 'latest'],
        ];
        for (const [streamName, events, expectedRevision] of attempts) {
          await expect(
            store.appendToStream(streamName, events, { expectedRevision: expectedRevision as ExpectedRevision }),
          ).rejects.toThrow(TypeError);
        }
        expect(await store.readStream(stream)).toEqual([]);
      });
    });
  });
}
