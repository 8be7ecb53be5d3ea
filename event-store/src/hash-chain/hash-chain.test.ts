import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newEvent, uniqueTag } from '../testing/contract-helpers';
import { describeEventStoreContract } from '../testing/event-store-contract';
import type { AllSubscription, EventStore, RecordedEvent } from '../port';
import { openSqliteEventStore } from '../sqlite/sqlite-event-store';
import { computeEventHash, GENESIS_HASH, withoutChainFields } from './event-hash';
import { verifyStreamChain } from './verify-stream-chain';
import { withHashChain } from './with-hash-chain';

const HEX_HASH = /^[0-9a-f]{64}$/;

/**
 * The contract suite compares metadata exactly, and the chain adds two fields by design. This view
 * checks that every event read carries them, then hides exactly those two, so every other part of
 * the contract is checked unchanged through the decorator.
 */
function chainFieldsCheckedAndHidden(store: EventStore): EventStore {
  const strip = (event: RecordedEvent): RecordedEvent => {
    const { prevHash, hash } = event.metadata;
    if (typeof prevHash !== 'string' || !HEX_HASH.test(prevHash) || typeof hash !== 'string' || !HEX_HASH.test(hash)) {
      throw new Error(`${event.streamName}@${event.revision} was stored without its chain fields`);
    }
    return { ...event, metadata: withoutChainFields(event.metadata) as RecordedEvent['metadata'] };
  };
  return {
    appendToStream: (...args) => store.appendToStream(...args),
    readStream: async (...args) => (await store.readStream(...args)).map(strip),
    readAll: async (...args) => (await store.readAll(...args)).map(strip),
    subscribeToAll: (...args): AllSubscription => {
      const inner = store.subscribeToAll(...args);
      return {
        unsubscribe: () => inner.unsubscribe(),
        async *[Symbol.asyncIterator]() {
          for await (const event of inner) yield strip(event);
        },
      };
    },
    ping: () => store.ping(),
    close: () => store.close(),
  };
}

describeEventStoreContract('SQLite through the hash chain', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'event-store-chain-contract-'));
  const store = withHashChain(openSqliteEventStore({ filePath: join(dir, 'events.sqlite') }));
  return {
    store: chainFieldsCheckedAndHidden(store),
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('hash chain', () => {
  let dir: string;
  let filePath: string;
  let store: EventStore;
  let stream: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'event-store-chain-'));
    filePath = join(dir, 'events.sqlite');
    store = withHashChain(openSqliteEventStore({ filePath }));
    stream = `${uniqueTag()}-number-1`;
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Five events in four appends, using every kind of expected revision. */
  async function appendFive(): Promise<RecordedEvent[]> {
    await store.appendToStream(stream, [newEvent('NumberOrdered', { amount: 1 })], { expectedRevision: 'no_stream' });
    await store.appendToStream(
      stream,
      [newEvent('NumberAttached', { amount: 2 }), newEvent('NumberAssigned', { amount: 3 })],
      {
        expectedRevision: 0,
      },
    );
    await store.appendToStream(stream, [newEvent('NumberUnassigned', { amount: 4 })], {
      expectedRevision: 'stream_exists',
    });
    await store.appendToStream(stream, [newEvent('NumberReleased', { amount: 5 })], { expectedRevision: 'any' });
    return store.readStream(stream);
  }

  function rewrite(sql: string, ...params: unknown[]): void {
    const db = new Database(filePath);
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  }

  it('links every event to the one before it, from the genesis hash, and verifies', async () => {
    const events = await appendFive();
    expect(events.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
    expect(events[0]!.metadata['prevHash']).toBe(GENESIS_HASH);
    for (let index = 1; index < events.length; index += 1) {
      expect(events[index]!.metadata['prevHash']).toBe(events[index - 1]!.metadata['hash']);
    }
    expect(new Set(events.map((event) => event.metadata['hash'])).size).toBe(5);
    expect(verifyStreamChain(events)).toEqual({ intact: true });
  });

  it('gives a retried append the same hashes and stores nothing twice', async () => {
    await store.appendToStream(stream, [newEvent('A')], { expectedRevision: 'no_stream' });
    const batch = [newEvent('B'), newEvent('C')];
    const first = await store.appendToStream(stream, batch, { expectedRevision: 0 });
    await store.appendToStream(stream, [newEvent('D')], { expectedRevision: 2 });
    expect(await store.appendToStream(stream, batch, { expectedRevision: 0 })).toEqual(first);

    const anyBatch = [newEvent('E')];
    const anyFirst = await store.appendToStream(stream, anyBatch, { expectedRevision: 'any' });
    expect(await store.appendToStream(stream, anyBatch, { expectedRevision: 'any' })).toEqual(anyFirst);

    const events = await store.readStream(stream);
    expect(events.map((event) => event.type)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(verifyStreamChain(events)).toEqual({ intact: true });
  });

  it('keeps the chain whole when many writers append with "any" at once', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        store.appendToStream(stream, [newEvent('Counted', { index })], { expectedRevision: 'any' }),
      ),
    );
    const events = await store.readStream(stream);
    expect(events).toHaveLength(12);
    expect(verifyStreamChain(events)).toEqual({ intact: true });
  });

  it('detects an event edited in the database file at its revision', async () => {
    await appendFive();
    rewrite("UPDATE events SET data = json_set(data, '$.amount', 999) WHERE stream_name = ? AND revision = 2", stream);

    const report = verifyStreamChain(await store.readStream(stream));
    expect(report).toMatchObject({ intact: false, firstBrokenRevision: 2 });
    expect(report.reason).toMatch(/altered/);
  });

  it('detects an edit whose hash was recomputed, at the next revision', async () => {
    const events = await appendFive();
    const target = events[2]!;
    const forgedData = { amount: 999 };
    const forgedHash = computeEventHash({
      ...target,
      prevHash: target.metadata['prevHash'] as string,
      data: forgedData,
    });
    rewrite(
      'UPDATE events SET data = ?, metadata = ? WHERE stream_name = ? AND revision = 2',
      JSON.stringify(forgedData),
      JSON.stringify({ ...target.metadata, hash: forgedHash }),
      stream,
    );

    expect(verifyStreamChain(await store.readStream(stream))).toMatchObject({
      intact: false,
      firstBrokenRevision: 3,
      reason: 'prevHash does not match the hash of the previous event',
    });
  });

  it('detects a deleted event and an event stored without the chain', async () => {
    await appendFive();
    rewrite('DELETE FROM events WHERE stream_name = ? AND revision = 1', stream);
    expect(verifyStreamChain(await store.readStream(stream))).toMatchObject({ intact: false, firstBrokenRevision: 1 });

    const plain = openSqliteEventStore({ filePath });
    const unchained = `${uniqueTag()}-number-2`;
    await plain.appendToStream(unchained, [newEvent('A')], { expectedRevision: 'no_stream' });
    await plain.close();
    expect(verifyStreamChain(await store.readStream(unchained))).toEqual({
      intact: false,
      firstBrokenRevision: 0,
      reason: 'the event carries no hash',
    });
  });

  it('still refuses a stale expected revision, and writes nothing', async () => {
    await appendFive();
    await expect(store.appendToStream(stream, [newEvent('Late')], { expectedRevision: 1 })).rejects.toMatchObject({
      name: 'WrongExpectedVersionError',
      actual: 4,
    });
    expect(await store.readStream(stream)).toHaveLength(5);
  });
});
