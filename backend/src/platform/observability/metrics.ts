import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The backend's Prometheus metrics, on a registry of its own (not prom-client's global one), so two
 * backends in one process — tests, a worker beside the server — never share or clash.
 */
export interface Metrics {
  registry: Registry;
  /** Time to answer a Telnyx webhook, by webhook (`inbound`, `status`, …) and HTTP status. */
  webhookDuration: Histogram<'kind' | 'status_code'>;
  /** Events the store accepted, by event type and stream category (`call`, `account`, …). */
  eventsAppended: Counter<'event_type' | 'stream_category'>;
  /** Telnyx API answers of 400 and above (`unreachable` when no answer came), by HTTP method and resource. */
  telnyxApiErrors: Counter<'status' | 'method' | 'resource'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    webhookDuration: new Histogram({
      name: 'curbe_webhook_duration_seconds',
      help: 'Time to answer a Telnyx webhook, by webhook kind and HTTP status code',
      labelNames: ['kind', 'status_code'],
      // Telnyx waits a few seconds for TeXML; anything past 1 s is worth seeing.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    eventsAppended: new Counter({
      name: 'curbe_events_appended_total',
      help: 'Events appended to the event store, by event type and stream category',
      labelNames: ['event_type', 'stream_category'],
      registers: [registry],
    }),
    telnyxApiErrors: new Counter({
      name: 'curbe_telnyx_api_errors_total',
      help: 'Telnyx API requests answered with an error status (or not answered: status="unreachable")',
      labelNames: ['status', 'method', 'resource'],
      registers: [registry],
    }),
  };
}
