import { Type } from '@sinclair/typebox';
import { pingReadModels } from '@curbe-voice/projections';
import type { MikroORM } from '@mikro-orm/core';
import type { EventStore } from '@curbe-voice/event-store';
import type { SlicePlugin } from '../http/slice-plugin';
import { checkHealth } from './check-health';

const ComponentStatus = Type.Union([Type.Literal('ok'), Type.Literal('down')]);

export const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  eventStore: ComponentStatus,
  readModels: ComponentStatus,
});

const PROBE_TIMEOUT_MS = 2_000;

/** `GET /health`: 200 when the event store and the read models answer, 503 naming what is down. */
export const healthRoutes: SlicePlugin<{ eventStore: EventStore; readModels: MikroORM }> = async (app, { deps }) => {
  app.get('/health', { schema: { response: { 200: HealthResponse, 503: HealthResponse } } }, async (request, reply) => {
    const report = await checkHealth(
      {
        eventStore: () => deps.eventStore.ping(),
        readModels: () => pingReadModels(deps.readModels),
      },
      PROBE_TIMEOUT_MS,
    );
    if (!report.healthy) request.log.error({ failures: describeFailures(report.failures) }, 'health check failed');
    reply.header('cache-control', 'no-store');
    return reply.code(report.healthy ? 200 : 503).send({
      status: report.healthy ? 'ok' : 'unavailable',
      ...report.components,
    });
  });
};

function describeFailures(failures: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(failures).map(([name, reason]) => [name, reason instanceof Error ? reason.message : String(reason)]),
  );
}
