import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app';
import { openTestDependencies, type TestDependencies } from '../../testing/test-dependencies';

let backend: TestDependencies;
let app: App;

beforeAll(async () => {
  backend = await openTestDependencies('docs');
  app = await buildApp(backend.deps, { frontendDir: join(backend.dataDir, 'no-frontend') });
});
afterAll(async () => {
  await app?.close();
  await backend?.close();
});

interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        tags?: string[];
        summary?: string;
        security?: unknown[];
        requestBody?: { content: Record<string, { schema: { required?: string[] } }> };
        responses: Record<string, unknown>;
      }
    >
  >;
}

describe('API documentation', () => {
  it('serves an OpenAPI 3 document of the main routes at /docs/json, without signing in', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<OpenApiDocument>();
    expect(document.openapi).toMatch(/^3\./);
    const routes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
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
    expect(inbound.requestBody!.content['application/x-www-form-urlencoded']!.schema.required).toEqual([
      'CallSid',
      'From',
      'To',
    ]);
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
