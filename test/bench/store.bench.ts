/**
 * Event store throughput: the SQLite adapter beside raw better-sqlite3 writing and reading the same rows.
 *
 *   npm run bench:store                 # default: 5,000 single appends, 100,000 batched events
 *   npm run bench:store -- 0.2          # scale both sizes (also STORE_BENCH_SCALE=0.2)
 *
 * "Raw" is the floor: the same table, pragmas and JSON text, with no validation, no expected-revision
 * check, no JSON encoding/decoding and no object mapping. The ratio shows what the adapter costs.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openSqliteEventStore } from '@curbe-voice/event-store';
import type { NewEvent } from '@curbe-voice/event-store';

const scale = Number(process.argv[2] ?? process.env.STORE_BENCH_SCALE ?? 1);
if (!Number.isFinite(scale) || scale <= 0) {
  console.error(`Scale must be a positive number, got ${process.argv[2] ?? process.env.STORE_BENCH_SCALE}`);
  process.exit(1);
}
const SINGLE_APPENDS = Math.max(100, Math.round(5_000 * scale));
const BATCH_SIZE = 100;
const BATCHES = Math.max(1, Math.round((100_000 * scale) / BATCH_SIZE));
const STREAMS = 500;
const TYPES = ['CallInitiated', 'CallAnswered', 'CallHungUp', 'NumberOrdered', 'CredentialCreated'];

function sampleEvent(index: number): NewEvent {
  return {
    id: randomUUID(),
    type: TYPES[index % TYPES.length]!,
    data: {
      callControlId: `v3:${randomUUID()}`,
      from: '+15550001111',
      to: '+15550002222',
      direction: index % 2 === 0 ? 'inbound' : 'outbound',
      agentId: `agent-${index % 17}`,
    },
    metadata: {
      correlationId: randomUUID(),
      causationId: null,
      actor: 'telnyx',
      occurredAt: new Date(1_700_000_000_000 + index).toISOString(),
      schemaVersion: 1,
    },
  };
}

interface Row {
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

/** Streams are filled round-robin so every append carries a real expected revision. */
function plan(count: number, perAppend: number): { stream: string; events: NewEvent[]; firstRevision: number }[] {
  const revisions = new Map<string, number>();
  return Array.from({ length: count }, (_, appendIndex) => {
    const stream = `call-${appendIndex % STREAMS}`;
    const firstRevision = revisions.get(stream) ?? 0;
    revisions.set(stream, firstRevision + perAppend);
    const events = Array.from({ length: perAppend }, (_, offset) => sampleEvent(appendIndex * perAppend + offset));
    return { stream, events, firstRevision };
  });
}

function toRows(appends: ReturnType<typeof plan>): Row[][] {
  return appends.map(({ stream, events, firstRevision }) =>
    events.map((event, offset) => ({
      id: event.id,
      stream,
      revision: firstRevision + offset,
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
    })),
  );
}

function openRaw(filePath: string): Database.Database {
  const db = new Database(filePath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE events (
    position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_name TEXT NOT NULL,
    revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
    recorded_at INTEGER NOT NULL, UNIQUE (stream_name, revision)) STRICT`);
  return db;
}

async function time(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

const dir = mkdtempSync(join(os.tmpdir(), 'store-bench-'));
try {
  const singles = plan(SINGLE_APPENDS, 1);
  const batches = plan(BATCHES, BATCH_SIZE).map((append) => ({ ...append, stream: `batch-${append.stream}` }));
  const singleRows = toRows(singles);
  const batchRows = toRows(batches);
  const total = SINGLE_APPENDS + BATCHES * BATCH_SIZE;

  const store = openSqliteEventStore({ filePath: join(dir, 'adapter.sqlite') });
  const raw = openRaw(join(dir, 'raw.sqlite'));
  const insert = raw.prepare(
    'INSERT INTO events (event_id, stream_name, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertRows = raw.transaction((rows: Row[]) => {
    const now = Date.now();
    for (const row of rows) insert.run(row.id, row.stream, row.revision, row.type, row.data, row.metadata, now);
  });

  const results: { measure: string; unit: string; count: number; adapter: number; raw: number }[] = [];

  const singleAdapter = await time(async () => {
    for (const { stream, events, firstRevision } of singles) {
      await store.appendToStream(stream, events, {
        expectedRevision: firstRevision === 0 ? 'no_stream' : firstRevision - 1,
      });
    }
  });
  const singleRaw = await time(() => {
    for (const rows of singleRows) insertRows(rows);
  });
  results.push({
    measure: 'single-event appends',
    unit: 'appends/s',
    count: SINGLE_APPENDS,
    adapter: singleAdapter,
    raw: singleRaw,
  });

  const batchAdapter = await time(async () => {
    for (const { stream, events, firstRevision } of batches) {
      await store.appendToStream(stream, events, {
        expectedRevision: firstRevision === 0 ? 'no_stream' : firstRevision - 1,
      });
    }
  });
  const batchRaw = await time(() => {
    for (const rows of batchRows) insertRows(rows);
  });
  results.push({
    measure: `${BATCH_SIZE}-event batch appends`,
    unit: 'events/s',
    count: BATCHES * BATCH_SIZE,
    adapter: batchAdapter,
    raw: batchRaw,
  });

  let readCount = 0;
  const readAdapter = await time(async () => {
    readCount = (await store.readAll()).length;
  });
  const selectAll = raw.prepare('SELECT * FROM events ORDER BY position');
  const readRaw = await time(() => selectAll.all().length);
  if (readCount !== total) throw new Error(`readAll returned ${readCount} of ${total} events`);
  results.push({ measure: 'full $all read', unit: 'events/s', count: total, adapter: readAdapter, raw: readRaw });

  const adapterCounts = new Map<string, number>();
  const replayAdapter = await time(async () => {
    const subscription = store.subscribeToAll();
    let seen = 0;
    for await (const event of subscription) {
      adapterCounts.set(event.type, (adapterCounts.get(event.type) ?? 0) + 1);
      if (++seen === total) break;
    }
  });
  const rawCounts = new Map<string, number>();
  const iterateAll = raw.prepare('SELECT * FROM events ORDER BY position');
  const replayRaw = await time(() => {
    for (const row of iterateAll.iterate() as Iterable<{ type: string }>) {
      rawCounts.set(row.type, (rawCounts.get(row.type) ?? 0) + 1);
    }
  });
  if (JSON.stringify([...adapterCounts].sort()) !== JSON.stringify([...rawCounts].sort())) {
    throw new Error('Replay counts differ between the adapter and raw SQLite');
  }
  results.push({
    measure: 'replay into count-per-type (catch-up)',
    unit: 'events/s',
    count: total,
    adapter: replayAdapter,
    raw: replayRaw,
  });

  await store.close();
  raw.close();

  const cpus = os.cpus();
  console.log('Event store benchmark: SQLite adapter vs raw better-sqlite3 (same rows, WAL, synchronous=NORMAL)');
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${os.platform()} ${os.arch()}, node ${process.version}`,
  );
  console.log(
    `sizes: ${SINGLE_APPENDS} single appends, ${BATCHES * BATCH_SIZE} events in ${BATCHES} batches, reads over ${total} events (scale ${scale})`,
  );
  console.log('');
  const format = (value: number) => Math.round(value).toLocaleString('en-US');
  const table = results.map(({ measure, unit, count, adapter, raw: rawSeconds }) => ({
    measure,
    adapter: `${format(count / adapter)} ${unit}`,
    raw: `${format(count / rawSeconds)} ${unit === 'appends/s' ? 'txns/s' : 'rows/s'}`,
    'adapter/raw': (rawSeconds / adapter).toFixed(2),
    'adapter s': adapter.toFixed(2),
    'raw s': rawSeconds.toFixed(2),
  }));
  const columns = Object.keys(table[0]!) as (keyof (typeof table)[number])[];
  const widths = columns.map((column) => Math.max(column.length, ...table.map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, index) => cell.padEnd(widths[index]!)).join(' | ')} |`;
  console.log(line(columns));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of table) console.log(line(columns.map((column) => row[column])));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
