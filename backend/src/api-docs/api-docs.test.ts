import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Telnyx from 'telnyx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStore, type EventStore } from '@curbe-voice/event-store';
import { createReadModelOrm, ProjectionRunner } from '@curbe-voice/projections';
import { buildApp, type App } from '../app';
import { buildFeatureServices, type ReadModelOrm } from '../composition-root';
import { loadConfig } from '../config/load-config';
import { createLogger } from '../infrastructure/logging/create-logger';

let dataDir: string;
let eventStore: EventStore;
let readModels: ReadModelOrm;
let app: App;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'curbe-voice-docs-'));
  eventStore = openEventStore({ dataDir });
  readModels = await createReadModelOrm({ dataDir, entities: [] });
  const result = loadConfig({ DATA_DIR: dataDir });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const { config } = result;
  const logger = createLogger({ level: 'silent' });
  // Never called: documenting the routes talks to nobody.
  const telnyx = {
    client: new Telnyx({ apiKey: 'unused', baseURL: 'http://127.0.0.1:9/v2' }),
    apiKey: 'unused',
    apiBaseUrl: 'http://127.0.0.1:9/v2',
    webhookPublicKey: Buffer.alloc(32).toString('base64'),
    simulated: true,
  };
  app = await buildApp(
    {
      config,
      logger,
      eventStore,
      readModels,
      projections: new ProjectionRunner({ store: eventStore, orm: readModels, projectors: [] }),
      telnyx,
      ...buildFeatureServices({ config, logger, eventStore, telnyx, dataDir }),
    },
    { frontendDir: join(dataDir, 'no-frontend') },
  );
});
afterAll(async () => {
  await app?.close();
  await eventStore?.close();
  await readModels?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { tags?: string[]; summary?: string; security?: unknown[]; requestBody?: { content: Record<string, { schema: { required?: string[] } }> }; responses: Record<string, unknown> }>>;
}

describe('API documentation', () => {
  it('serves an OpenAPI 3 document of the main routes at /docs/json, without signing in', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<OpenApiDocument>();
    expect(document.openapi).toMatch(/^3\./);
    const routes = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'GET /api/auth/me',
        'POST /api/accounts/{id}/activation',
        'GET /api/accounts/{id}/activation',
        'GET /api/accounts/{id}/numbers',
        'POST /api/accounts/{id}/numbers',
        'PUT /api/accounts/{id}/numbers/{e164}/agent',
        'DELETE /api/accounts/{id}/agents/{agentId}',
        'GET /api/calls',
        'GET /api/calls/{id}/recording',
        'GET /api/voice/credentials',
        'GET /api/audit/accounts/{id}/events',
        'GET /health',
        'GET /metrics',
        'POST /webhooks/telnyx/inbound',
        'POST /webhooks/telnyx/outbound',
        'POST /webhooks/telnyx/status',
        'POST /webhooks/telnyx/recordings',
        'POST /webhooks/telnyx/dial-result',
      ]),
    );
    // The web app's own routes and the documentation itself are not part of the API.
    expect(routes.some((route) => route.includes('/docs') || route.endsWith(' /*'))).toBe(false);
  });

  it('documents request bodies from the TypeBox schemas, and the webhooks as Telnyx sends them', async () => {
    const { paths } = (await app.inject({ method: 'GET', url: '/docs/json' })).json<OpenApiDocument>();
    const login = paths['/api/auth/login']!['post']!;
    expect(login.tags).toEqual(['Sign-in']);
    expect(login.requestBody!.content['application/json']!.schema.required).toEqual(['email', 'password']);
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['200', '401', '429']));
    expect(paths['/api/calls']!['get']!.security).toEqual([{ session: [] }]);

    const inbound = paths['/webhooks/telnyx/inbound']!['post']!;
    expect(inbound.tags).toEqual(['Telnyx webhooks']);
    expect(inbound.requestBody!.content['application/x-www-form-urlencoded']!.schema.required).toEqual(['CallSid', 'From', 'To']);
    expect(Object.keys(inbound.responses)).toEqual(expect.arrayContaining(['200', '400', '401']));
    expect(JSON.stringify(inbound)).toContain('telnyx-signature-ed25519');
  });

  it('serves the Swagger UI at /docs to anyone', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('swagger');
  });
});
