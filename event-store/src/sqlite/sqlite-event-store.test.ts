import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ids, iterate, markPosition, newEvent, take, uniqueTag } from '../testing/contract-helpers';
import { describeEventStoreContract } from '../testing/event-store-contract';
import { DuplicateEventIdError } from '../duplicate-event-id-error';
import { openEventStore } from '../open-event-store';
import { WrongExpectedVersionError } from '../port';
import type { EventStore } from '../port';
import { openSqliteEventStore } from './sqlite-event-store';

describeEventStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'event-store-contract-'));
  const store = openSqliteEventStore({ filePath: join(dir, 'events.sqlite') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite event store', () => {
  let dir: string;
  let filePath: string;
  let tag: string;
  const opened: EventStore[] = [];
  const open = (pollIntervalMs?: number): EventStore => {
    const store = openSqliteEventStore({ filePath, pollIntervalMs });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'event-store-sqlite-'));
    filePath = join(dir, 'nested', 'events.sqlite');
    tag = uniqueTag();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps events across close and reopen, and continues revisions and positions', async () => {
    const first = open();
    const stored = [newEvent(`${tag}.A`, { n: 1 }), newEvent(`${tag}.B`, { n: 2 })];
    const result = await first.appendToStream(`${tag}-call-1`, stored, { expectedRevision: 'no_stream' });
    await first.close();

    const reopened = open();
    expect(ids(await reopened.readStream(`${tag}-call-1`))).toEqual(ids(stored));
    const next = await reopened.appendToStream(`${tag}-call-1`, [newEvent(`${tag}.C`)], { expectedRevision: 1 });
    expect(next.nextExpectedRevision).toBe(2);
    expect(next.position.commit).toBe(result.position.commit + 1n);
  });

  it('shares one file between instances: reads and live subscriptions see the other instance’s appends', async () => {
    const writer = open();
    const reader = open(10);
    const from = await markPosition(writer);
    const before = newEvent(`${tag}.Before`);
    await writer.appendToStream(`${tag}-call-1`, [before], { expectedRevision: 'no_stream' });
    expect(ids(await reader.readStream(`${tag}-call-1`))).toEqual([before.id]);

    const subscription = reader.subscribeToAll({ fromPosition: from, filter: { streamNamePrefixes: [`${tag}-`] } });
    const events = iterate(subscription);
    expect(ids(await take(events, 1))).toEqual([before.id]);
    // The reader is now waiting; only its poll of the shared file can notice the writer's append.
    const pending = take(events, 1);
    const after = newEvent(`${tag}.After`);
    await writer.appendToStream(`${tag}-call-1`, [after], { expectedRevision: 0 });
    expect(ids(await pending)).toEqual([after.id]);
  });

  it('delivers appends to every live subscription, including those made while a consumer was busy, without waiting for the poll', async () => {
    // An hour-long poll: only the wake-up after this instance's own appends can deliver in time.
    const store = open(3_600_000);
    const from = await markPosition(store);
    const filter = { streamNamePrefixes: [`${tag}-`] };
    const followers = [1, 2, 3].map(() => iterate(store.subscribeToAll({ fromPosition: from, filter })));
    const burst = [1, 2, 3].map((n) => newEvent(`${tag}.Burst`, { n }));
    for (const [index, event] of burst.entries()) {
      await store.appendToStream(`${tag}-call-${index}`, [event], { expectedRevision: 'no_stream' });
    }
    for (const follower of followers) expect(ids(await take(follower, 3))).toEqual(ids(burst));

    // The first follower takes one event and, before it asks for the next, more are appended.
    const [busy, ...others] = followers;
    const first = newEvent(`${tag}.First`);
    await store.appendToStream(`other-${tag}`, [newEvent('Unrelated')], { expectedRevision: 'no_stream' });
    await store.appendToStream(`${tag}-call-9`, [first], { expectedRevision: 'no_stream' });
    expect(ids(await take(busy!, 1))).toEqual([first.id]);
    const later = newEvent(`${tag}.Later`);
    await store.appendToStream(`${tag}-call-9`, [later], { expectedRevision: 0 });
    expect(ids(await take(busy!, 1))).toEqual([later.id]);
    for (const follower of others) expect(ids(await take(follower, 2))).toEqual([first.id, later.id]);
  });

  it('applies optimistic concurrency across instances on the same file', async () => {
    const a = open();
    const b = open();
    await a.appendToStream(`${tag}-call-1`, [newEvent(`${tag}.A`)], { expectedRevision: 'no_stream' });
    await b.appendToStream(`${tag}-call-1`, [newEvent(`${tag}.B`)], { expectedRevision: 0 });
    await expect(
      a.appendToStream(`${tag}-call-1`, [newEvent(`${tag}.C`)], { expectedRevision: 0 }),
    ).rejects.toMatchObject({ name: 'WrongExpectedVersionError', actual: 1 });
  });

  it('records the store time', async () => {
    const store = open();
    const before = Date.now();
    await store.appendToStream(
      `${tag}-call-1`,
      [newEvent(`${tag}.A`, {}, { occurredAt: '2001-01-01T00:00:00.000Z' })],
      {
        expectedRevision: 'any',
      },
    );
    const after = Date.now();
    const [event] = await store.readStream(`${tag}-call-1`);
    expect(event!.recordedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(event!.recordedAt.getTime()).toBeLessThanOrEqual(after);
    expect(event!.metadata.occurredAt).toBe('2001-01-01T00:00:00.000Z');
  });

  describe('event ids already stored', () => {
    it('treats a retry with "any" as a no-op returning the original result', async () => {
      const store = open();
      const batch = [newEvent(`${tag}.A`), newEvent(`${tag}.B`)];
      const original = await store.appendToStream(`${tag}-call-1`, batch, { expectedRevision: 'any' });
      await store.appendToStream(`${tag}-call-1`, [newEvent(`${tag}.C`)], { expectedRevision: 'any' });
      expect(await store.appendToStream(`${tag}-call-1`, batch, { expectedRevision: 'any' })).toEqual(original);
      expect(await store.readStream(`${tag}-call-1`)).toHaveLength(3);
    });

    it('refuses ids stored in another stream with DuplicateEventIdError and writes nothing', async () => {
      const store = open();
      const event = newEvent(`${tag}.A`);
      await store.appendToStream(`${tag}-call-1`, [event], { expectedRevision: 'no_stream' });

      const error = await store
        .appendToStream(`${tag}-call-2`, [event], { expectedRevision: 'no_stream' })
        .catch((rejection: unknown) => rejection);
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect(error).toMatchObject({ streamName: `${tag}-call-2`, eventIds: [event.id] });
      expect(await store.readStream(`${tag}-call-2`)).toEqual([]);
    });

    it('rolls back a whole batch when an event in its middle is already stored', async () => {
      const store = open();
      const existing = newEvent(`${tag}.A`);
      await store.appendToStream(`${tag}-call-1`, [existing], { expectedRevision: 'no_stream' });
      const from = await markPosition(store);

      const batch = [newEvent(`${tag}.B`), existing, newEvent(`${tag}.C`)];
      await expect(store.appendToStream(`${tag}-call-1`, batch, { expectedRevision: 0 })).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect(ids(await store.readStream(`${tag}-call-1`))).toEqual([existing.id]);
      expect(await store.readAll({ fromPosition: from })).toEqual([]);
    });

    it('reports a conflict when a retry comes with an expected revision that never held for it', async () => {
      const store = open();
      const batch = [newEvent(`${tag}.A`)];
      await store.appendToStream(`${tag}-call-1`, batch, { expectedRevision: 'no_stream' });
      await store.appendToStream(`${tag}-call-1`, [newEvent(`${tag}.B`)], { expectedRevision: 0 });

      await expect(store.appendToStream(`${tag}-call-1`, batch, { expectedRevision: 0 })).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
      expect(await store.readStream(`${tag}-call-1`)).toHaveLength(2);
    });
  });

  it('ends open subscriptions when the store closes', async () => {
    const store = open();
    const subscription = store.subscribeToAll();
    const pending = iterate(subscription).next();
    await store.close();
    expect((await pending).done).toBe(true);
    await expect(store.readAll()).rejects.toThrow('closed');
  });

  it('openEventStore without a connection string keeps events in <dataDir>/events.sqlite', async () => {
    const store = openEventStore({ dataDir: join(dir, 'data') });
    opened.push(store);
    await store.appendToStream(`${tag}-call-1`, [newEvent(`${tag}.A`)], { expectedRevision: 'no_stream' });
    expect(existsSync(join(dir, 'data', 'events.sqlite'))).toBe(true);
  });
});
