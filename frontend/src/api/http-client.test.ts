import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, buildUrl, CSRF_HEADER, request } from './http-client';
import { requestPath } from './testing/request-path';

describe('talking to the backend', () => {
  let server: Server | undefined;
  let seen: { method?: string; url?: string; headers?: IncomingHttpHeaders; body?: string } = {};
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  async function serve(status: number, body: string): Promise<typeof fetch> {
    server = createServer((incoming, response) => {
      let text = '';
      incoming.on('data', (chunk) => (text += chunk));
      incoming.on('end', () => {
        seen = { method: incoming.method, url: incoming.url, headers: incoming.headers, body: text };
        response.writeHead(status, { 'content-type': 'application/json' }).end(body);
      });
    });
    await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return (input, init) => fetch(`${base}${requestPath(input)}`, init);
  }

  it('sends JSON with the anti-forgery header on state changes', async () => {
    const fetchImpl = await serve(201, '{"ok":true}');
    expect(await request('POST', '/api/things', { body: { a: 1 } }, fetchImpl)).toEqual({ ok: true });
    expect(seen.headers?.[CSRF_HEADER]).toBe('1');
    expect(seen.body).toBe('{"a":1}');
  });

  it('reads without the header', async () => {
    const fetchImpl = await serve(200, '[]');
    await request('GET', '/api/things', { query: { page: 2, empty: '' } }, fetchImpl);
    expect(seen.headers?.[CSRF_HEADER]).toBeUndefined();
    expect(seen.url).toBe('/api/things?page=2');
  });

  it('keeps the backend’s message and reason when a request is refused', async () => {
    const fetchImpl = await serve(503, '{"message":"Telnyx is not answering right now","reason":"telnyx_unavailable"}');
    const error = await request('POST', '/api/x', {}, fetchImpl).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 503,
      message: 'Telnyx is not answering right now',
      reason: 'telnyx_unavailable',
    });
  });

  it('explains a refusal that carries no message', async () => {
    const fetchImpl = await serve(401, '<html></html>');
    await expect(request('GET', '/api/auth/me', {}, fetchImpl)).rejects.toMatchObject({
      status: 401,
      message: 'Your session has ended. Sign in again.',
    });
  });

  it('says the server cannot be reached when nothing answers', async () => {
    const fetchImpl = await serve(200, '{}');
    await new Promise<void>((closed) => server!.close(() => closed()));
    server = undefined;
    await expect(request('GET', '/api/x', {}, fetchImpl)).rejects.toMatchObject({ status: 0 });
  });

  it('leaves empty query values out of the URL', () => {
    expect(buildUrl('/api/calls', { direction: 'inbound', outcome: undefined, page: 1 })).toBe(
      '/api/calls?direction=inbound&page=1',
    );
  });
});
