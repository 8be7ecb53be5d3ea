import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from './app';
import { openTestDependencies, type TestDependencies } from './testing/test-dependencies';

let backend: TestDependencies;
let app: App | undefined;

beforeEach(async () => {
  backend = await openTestDependencies('app');
});

afterEach(async () => {
  await app?.close();
  app = undefined;
  await backend.close();
});

async function start(options: { frontendDir?: string } = {}): Promise<App> {
  app = await buildApp(backend.deps, { frontendDir: options.frontendDir ?? join(backend.dataDir, 'no-frontend') });
  return app;
}

describe('GET /health', () => {
  it('answers 200 when the event store and the read models answer', async () => {
    const response = await (await start()).inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', eventStore: 'ok', readModels: 'ok' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers 503 naming the event store when it is closed', async () => {
    const server = await start();
    await backend.deps.eventStore.close();
    const response = await server.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable', eventStore: 'down', readModels: 'ok' });
  });

  it('answers 503 naming the read models when their database is closed', async () => {
    const server = await start();
    await backend.deps.readModels.close(true);
    const response = await server.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable', eventStore: 'ok', readModels: 'down' });
  });
});

describe('request ids', () => {
  it('gives every response a request id, keeping a safe one from a proxy', async () => {
    const server = await start();
    const fresh = await server.inject({ method: 'GET', url: '/health' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const kept = await server.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'lb-1234.abc' } });
    expect(kept.headers['x-request-id']).toBe('lb-1234.abc');

    const replaced = await server.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'bad id\n{"forged":1}' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('errors', () => {
  it('answers unknown API paths with JSON 404s', async () => {
    const server = await start();
    const response = await server.inject({ method: 'POST', url: '/webhooks/unknown' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Nothing at POST /webhooks/unknown',
    });
  });

  it('hides the details of server errors behind the request id', async () => {
    const server = await start();
    server.get('/webhooks/failing', async () => {
      throw new Error('connection string esdb://admin:changeit@db leaked');
    });
    const response = await server.inject({ method: 'GET', url: '/webhooks/failing' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('changeit');
    expect(response.json<{ message: string }>().message).toContain(response.headers['x-request-id']);
  });
});

describe('the web app', () => {
  function builtFrontend(): string {
    const dir = join(backend.dataDir, 'dist');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Curbe Voice</title>');
    writeFileSync(join(dir, 'assets', 'main-abc123.js'), 'console.log("phone")');
    return dir;
  }

  it('serves the built pages, with client-side routes falling back to index.html', async () => {
    const server = await start({ frontendDir: builtFrontend() });
    for (const url of ['/', '/calls/v3:abc', '/numbers?page=2']) {
      const response = await server.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('<title>Curbe Voice</title>');
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
    const asset = await server.inject({ method: 'GET', url: '/assets/main-abc123.js' });
    expect(asset.body).toBe('console.log("phone")');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('never answers API paths or missing files with the page', async () => {
    const server = await start({ frontendDir: builtFrontend() });
    for (const url of ['/api/calls', '/webhooks/telnyx/voice', '/assets/missing.js', '/health/extra']) {
      const response = await server.inject({ method: 'GET', url });
      // Anonymous API requests are refused (401) before anything else.
      expect(response.statusCode, url).toBe(url.startsWith('/api/') ? 401 : 404);
      expect(response.body, url).not.toContain('<title>');
    }
  });

  it('says how to build the web app when it is missing', async () => {
    const response = await (await start()).inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('npm run build --workspace frontend');
  });
});
