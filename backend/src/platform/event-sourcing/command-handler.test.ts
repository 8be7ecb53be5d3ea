import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore, WrongExpectedVersionError, type EventStore } from '@curbe-voice/event-store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleCommand, loadStream, type CommandOptions } from './command-handler';
import type { Decider } from './decider';

/** A tally: each `Count` records the next number, so the order of two concurrent commands shows. */
type TallyCommand = { type: 'Count'; by: string } | { type: 'Nothing' } | { type: 'Record'; id: string };
type TallyEvent = { type: 'Counted'; data: { n: number; by: string }; id?: string; occurredAt?: string };
interface Tally {
  count: number;
  by: string[];
}

const tally: Decider<TallyCommand, Tally, TallyEvent> = {
  initialState: () => ({ count: 0, by: [] }),
  decide(command, state) {
    if (command.type === 'Nothing') return [];
    if (command.type === 'Record')
      return [
        {
          type: 'Counted',
          data: { n: state.count + 1, by: 'telnyx' },
          id: command.id,
          occurredAt: '2024-01-02T03:04:05.000Z',
        },
      ];
    return [{ type: 'Counted', data: { n: state.count + 1, by: command.by } }];
  },
  evolve: (state, event) => ({ count: event.data.n, by: [...state.by, event.data.by] }),
  knows: (type) => type === 'Counted',
};

const STREAM = 'tally-1';
const FACT_ID = '6f1c1e0a-2b7d-4c1e-9a53-0d6c3a7b9e21';
let dir: string;
let store: EventStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'curbe-command-handler-'));
  store = openSqliteEventStore({ filePath: join(dir, 'events.sqlite') });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (by: string, options: Partial<CommandOptions<Tally, TallyEvent>> = {}) =>
  handleCommand(store, STREAM, tally, { type: 'Count', by }, { metadata: { actor: `user:${by}` }, ...options });

describe('command handler', () => {
  it('appends what the decider decides, at the revision it read, and returns the state after', async () => {
    const first = await count('ana');
    expect(first).toMatchObject({ state: { count: 1, by: ['ana'] }, revision: 0 });
    expect(first.events).toEqual([{ type: 'Counted', data: { n: 1, by: 'ana' } }]);
    const second = await count('ben');
    expect(second).toMatchObject({ state: { count: 2, by: ['ana', 'ben'] }, revision: 1 });
    expect((await store.readStream(STREAM)).map((e) => e.data)).toEqual([
      { n: 1, by: 'ana' },
      { n: 2, by: 'ben' },
    ]);
  });

  it('appends nothing when the decider adds nothing', async () => {
    const result = await handleCommand(store, STREAM, tally, { type: 'Nothing' }, { metadata: { actor: 'system' } });
    expect(result).toEqual({ events: [], state: { count: 0, by: [] }, revision: 'no_stream' });
    expect(await store.readStream(STREAM)).toEqual([]);
  });

  it('decides again when another command appended between its read and its append; both land in order', async () => {
    // Both commands read the empty stream before either appends: the second must conflict once.
    let arrived = 0;
    let release!: () => void;
    const bothDecided = new Promise<void>((resolve) => (release = resolve));
    const barrier = async () => {
      arrived += 1;
      if (arrived === 2) release();
      if (arrived <= 2) await bothDecided;
    };
    const [ana, ben] = await Promise.all([
      count('ana', { beforeAppend: barrier }),
      count('ben', { beforeAppend: barrier }),
    ]);
    expect(arrived).toBe(3);
    const stored = await store.readStream(STREAM);
    expect(stored.map((e) => e.data)).toEqual([
      { n: 1, by: 'ana' },
      { n: 2, by: 'ben' },
    ]);
    expect(ana.state.count).toBe(1);
    expect(ben).toMatchObject({ state: { count: 2, by: ['ana', 'ben'] }, revision: 1 });
  });

  it('gives up after the allowed attempts with the store’s wrong-expected-version error', async () => {
    const interfering = { beforeAppend: () => count('intruder').then(() => undefined), maxAttempts: 2 };
    await expect(count('ana', interfering)).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect((await store.readStream(STREAM)).map((e) => (e.data as TallyEvent['data']).by)).toEqual([
      'intruder',
      'intruder',
    ]);
  });

  it('treats events already stored under the same ids as done', async () => {
    await handleCommand(store, STREAM, tally, { type: 'Record', id: FACT_ID }, { metadata: { actor: 'telnyx' } });
    await count('ana');
    const again = await handleCommand(
      store,
      STREAM,
      tally,
      { type: 'Record', id: FACT_ID },
      { metadata: { actor: 'telnyx' } },
    );
    expect(again).toEqual({ events: [], state: { count: 2, by: ['telnyx', 'ana'] }, revision: 1 });
    expect(await store.readStream(STREAM)).toHaveLength(2);
  });

  it('fills the metadata: actor, one correlation id per batch, causation, time, schema version', async () => {
    await count('ana');
    await handleCommand(
      store,
      STREAM,
      tally,
      { type: 'Count', by: 'ben' },
      {
        metadata: { actor: 'user:ben', correlationId: 'req-1', causationId: 'cause-1' },
        schemaVersion: 2,
      },
    );
    await handleCommand(
      store,
      STREAM,
      tally,
      { type: 'Record', id: FACT_ID },
      { metadata: { actor: 'telnyx', correlationId: 'call-1' } },
    );
    const [first, second, third] = await store.readStream(STREAM);
    // Without a request to belong to, the first event of the batch starts the story.
    expect(first!.metadata).toMatchObject({
      actor: 'user:ana',
      correlationId: first!.id,
      causationId: null,
      schemaVersion: 1,
    });
    expect(Date.parse(first!.metadata.occurredAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(second!.metadata).toMatchObject({
      actor: 'user:ben',
      correlationId: 'req-1',
      causationId: 'cause-1',
      schemaVersion: 2,
    });
    // An id and a time the decider derived from an outside fact are kept.
    expect(third).toMatchObject({
      id: FACT_ID,
      metadata: { actor: 'telnyx', correlationId: 'call-1', occurredAt: '2024-01-02T03:04:05.000Z' },
    });
  });

  it('skips stored events the decider does not know, and hands the append to the after-append hook', async () => {
    await store.appendToStream(
      STREAM,
      [
        {
          id: FACT_ID,
          type: 'SomethingElse',
          data: {},
          metadata: { actor: 'x', correlationId: 'c', causationId: null, occurredAt: '', schemaVersion: 1 },
        },
      ],
      {
        expectedRevision: 'no_stream',
      },
    );
    const positions: string[] = [];
    const result = await count('ana', {
      afterAppend: async ({ position }) => void positions.push(String(position.commit)),
    });
    expect(result).toMatchObject({ state: { count: 1 }, revision: 1 });
    expect(positions).toEqual(['2']);
    expect(await loadStream(store, STREAM, tally)).toEqual({ state: { count: 1, by: ['ana'] }, revision: 1 });
  });

  it('decides on a state the slice loads itself when it spans more than the target stream', async () => {
    const load = async () => ({ state: { count: 41, by: ['elsewhere'] }, revision: 'no_stream' as const });
    const result = await count('ana', { load });
    expect(result.state).toEqual({ count: 42, by: ['elsewhere', 'ana'] });
    expect((await store.readStream(STREAM)).map((e) => e.data)).toEqual([{ n: 42, by: 'ana' }]);
  });
});
