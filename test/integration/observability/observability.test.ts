import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callStreamName, numberStreamName } from '@curbe-voice/contracts';
import { callHistoryProjector } from '@curbe-voice/projections/read-models/call-history';
import { CUSTOMER, UNASSIGNED_NUMBER, createCallFixture, users, type CallFixture } from '../../support/call-fixture';
import { buildApp, DEMO_ACCOUNT_ID, loadStorageConfig } from '@curbe-voice/backend';
import { LAG_COUNT_LIMIT, measureProjectionLag } from '@curbe-voice/backend/testing';

/**
 * The whole backend with the simulator: real signed webhooks from the simulator's calls, a real
 * activation, real requests to the simulator's REST API; then what Prometheus and the logs see.
 */
let fx: CallFixture;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  fx = await createCallFixture({
    logDestination: { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  await fx.settings({ timeScale: 0.01 });
}, 60_000);
afterAll(async () => {
  await fx?.close();
});

async function scrape(): Promise<string> {
  const response = await fx.server.app.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/plain');
  return response.body;
}

/** The value of one series (`name{labels}`), 0 when absent. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return 0;
}

describe('GET /metrics', () => {
  it('moves with real traffic: webhooks, appended events, Telnyx errors, projection lag', async () => {
    const before = await scrape();
    // The activation against the simulator (done by the fixture) appended account and agent events.
    expect(
      valueOf(before, 'curbe_events_appended_total', { event_type: 'ActivationCompleted', stream_category: 'account' }),
    ).toBeGreaterThan(0);
    expect(
      valueOf(before, 'curbe_events_appended_total', {
        event_type: 'TelephonyCredentialCreated',
        stream_category: 'agent',
      }),
    ).toBeGreaterThan(0);
    // Default process metrics are there too.
    expect(before).toContain('process_cpu_user_seconds_total');
    expect(before).toContain('nodejs_eventloop_lag_seconds');

    // A call placed at the simulator: it posts signed webhooks to the backend.
    const callSid = await fx.placeInbound(CUSTOMER, UNASSIGNED_NUMBER);
    await fx.settled(callSid);
    // A request Telnyx refuses: a key it does not know.
    await expect(fx.server.deps.telnyxGateway.forAccount('KEY-not-issued').listPhoneNumbers()).rejects.toThrow(/401/);
    await fx.caughtUp();

    const after = await scrape();
    const inbound = { kind: 'inbound', status_code: '200' };
    expect(valueOf(after, 'curbe_webhook_duration_seconds_count', inbound)).toBe(
      valueOf(before, 'curbe_webhook_duration_seconds_count', inbound) + 1,
    );
    expect(valueOf(after, 'curbe_webhook_duration_seconds_sum', inbound)).toBeGreaterThan(
      valueOf(before, 'curbe_webhook_duration_seconds_sum', inbound),
    );
    expect(valueOf(after, 'curbe_webhook_duration_seconds_bucket', { ...inbound, le: '+Inf' })).toBe(
      valueOf(after, 'curbe_webhook_duration_seconds_count', inbound),
    );
    expect(
      valueOf(after, 'curbe_webhook_duration_seconds_count', { kind: 'status', status_code: '200' }),
    ).toBeGreaterThan(0);
    const routed = { event_type: 'CallRouted', stream_category: 'call' };
    expect(valueOf(after, 'curbe_events_appended_total', routed)).toBe(
      valueOf(before, 'curbe_events_appended_total', routed) + 1,
    );
    const unauthorized = { status: '401', method: 'GET', resource: 'phone_numbers' };
    expect(valueOf(after, 'curbe_telnyx_api_errors_total', unauthorized)).toBe(
      valueOf(before, 'curbe_telnyx_api_errors_total', unauthorized) + 1,
    );
    // Caught up: every projector reports, none is behind.
    for (const projector of ['activation', 'agents', 'numbers', 'routing', 'call-history', 'users']) {
      expect(after).toContain(`curbe_projection_lag_events{projector="${projector}"} 0`);
      expect(after).toContain(`curbe_projection_lag_seconds{projector="${projector}"} 0`);
    }
  });

  it('reports a projector that is behind, by events and by the age of the oldest it has not applied', async () => {
    const { deps } = fx.server;
    // A projector whose checkpoint holds another version has applied nothing: everything is ahead of it.
    const stale = { ...callHistoryProjector, version: callHistoryProjector.version + 1 };
    const callEvents = (await deps.eventStore.readAll({ filter: callHistoryProjector.filter! })).length;
    const [lag] = await measureProjectionLag({ store: deps.eventStore, orm: deps.readModels, projectors: [stale] });
    expect(lag).toMatchObject({ projector: 'call-history', events: Math.min(callEvents, LAG_COUNT_LIMIT) });
    expect(lag!.events).toBeGreaterThan(0);
    expect(lag!.seconds).toBeGreaterThan(0);
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const { deps } = fx.server;
    const token = 'metrics-token-0123456789';
    const app = await buildApp(
      { ...deps, config: { ...deps.config, metricsToken: token } },
      { frontendDir: '/nonexistent' },
    );
    try {
      const anonymous = await app.inject({ method: 'GET', url: '/metrics' });
      const wrong = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer not-the-token-at-all' },
      });
      const right = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      expect([anonymous.statusCode, wrong.statusCode, right.statusCode]).toEqual([401, 401, 200]);
      expect(anonymous.headers['www-authenticate']).toContain('Bearer');
      expect(right.body).toContain('curbe_events_appended_total');
      // The token is read from the environment like every setting, and never echoed back.
      const configured = loadStorageConfig({ METRICS_TOKEN: token });
      expect(configured.ok && configured.config.metricsToken).toBe(token);
      expect(loadStorageConfig({ METRICS_TOKEN: 'short' })).toEqual({
        ok: false,
        errors: [
          'METRICS_TOKEN must be a bearer token of at least 16 characters without spaces, got a value of 5 characters (not shown: it may hold a secret)',
        ],
      });
    } finally {
      await app.close();
    }
  });
});

describe('request ids and correlation ids', () => {
  it('stamps the events an API request appends with its x-request-id, which its log line carries', async () => {
    const requestId = `corr-${Date.now()}`;
    const cookie = await fx.signIn('ada');
    const response = await fx.server.app.inject({
      method: 'PUT',
      url: `/api/accounts/${DEMO_ACCOUNT_ID}/numbers/${encodeURIComponent(UNASSIGNED_NUMBER)}/agent`,
      headers: { cookie, 'x-curbe-csrf': '1', 'x-request-id': requestId },
      payload: { agent_id: users.ben.userId },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-request-id']).toBe(requestId);

    const [assigned] = (await fx.server.deps.eventStore.readStream(numberStreamName(UNASSIGNED_NUMBER))).slice(-1);
    expect(assigned).toMatchObject({
      type: 'NumberAssignedToAgent',
      metadata: { correlationId: requestId, actor: `user:${users.ada.userId}` },
    });
    const completed = logLines.find((line) => line['requestId'] === requestId && line['msg'] === 'request completed');
    expect(completed).toMatchObject({ requestId, res: { statusCode: 200 } });
  });

  it('stamps the call events a Telnyx webhook appends with that webhook request id', async () => {
    const callSid = await fx.placeInbound(CUSTOMER, UNASSIGNED_NUMBER);
    await fx.settled(callSid);
    const events = await fx.server.deps.eventStore.readStream(callStreamName(callSid));
    const routed = events.find((event) => event.type === 'CallRouted')!;
    const incoming = logLines.find(
      (line) =>
        line['msg'] === 'incoming request' &&
        (line['req'] as { url?: string } | undefined)?.url === '/webhooks/telnyx/inbound' &&
        line['requestId'] === routed.metadata.correlationId,
    );
    expect(incoming).toBeDefined();
    expect(
      logLines.some(
        (line) => line['msg'] === 'request completed' && line['requestId'] === routed.metadata.correlationId,
      ),
    ).toBe(true);
    // Each webhook is its own request: status callbacks carry their own ids.
    const statusIds = new Set(
      events.filter((event) => event.type === 'CallStatusChanged').map((event) => event.metadata.correlationId),
    );
    expect(statusIds.has(routed.metadata.correlationId)).toBe(false);
  });
});
