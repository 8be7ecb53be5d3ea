import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describeHealth, fetchBackendHealth } from './backend-health';
import { requestPath } from '../api/testing/request-path';

describe('describeHealth', () => {
  it('reports a healthy backend with each component running', () => {
    expect(describeHealth(200, { status: 'ok', eventStore: 'ok', readModels: 'ok' })).toEqual({
      state: 'up',
      components: [
        { label: 'Event store', ok: true },
        { label: 'Read models', ok: true },
      ],
    });
  });

  it('names the component that is down', () => {
    expect(describeHealth(503, { status: 'unavailable', eventStore: 'down', readModels: 'ok' })).toEqual({
      state: 'degraded',
      components: [
        { label: 'Event store', ok: false },
        { label: 'Read models', ok: true },
      ],
    });
  });

  it('treats an answer without a health report as unreachable', () => {
    expect(describeHealth(502, '<html>Bad gateway</html>')).toEqual({
      state: 'unreachable',
      reason: 'The backend answered HTTP 502 without a health report.',
    });
  });
});

describe('fetchBackendHealth', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  async function serve(status: number, body: string): Promise<string> {
    server = createServer((_request, response) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(body),
    );
    await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const fetchFrom =
    (base: string): typeof fetch =>
    (input, init) =>
      fetch(`${base}${requestPath(input)}`, init);

  it('reads a 503 health report', async () => {
    const base = await serve(503, JSON.stringify({ status: 'unavailable', eventStore: 'ok', readModels: 'down' }));
    const health = await fetchBackendHealth(fetchFrom(base));
    expect(health).toMatchObject({ state: 'degraded', components: [{ ok: true }, { ok: false }] });
  });

  it('says the backend is unreachable when nothing answers', async () => {
    const base = await serve(200, '{}');
    await new Promise<void>((closed) => server!.close(() => closed()));
    server = undefined;
    expect(await fetchBackendHealth(fetchFrom(base))).toEqual({
      state: 'unreachable',
      reason: 'The backend cannot be reached.',
    });
  });
});
