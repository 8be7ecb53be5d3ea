/** What `GET /health` answers (200 when all is well, 503 naming what is down). */
export interface HealthBody {
  status: 'ok' | 'unavailable';
  eventStore: 'ok' | 'down';
  readModels: 'ok' | 'down';
}

export type BackendHealth =
  | { state: 'checking' }
  | { state: 'up'; components: Component[] }
  | { state: 'degraded'; components: Component[] }
  | { state: 'unreachable'; reason: string };

export interface Component {
  label: string;
  ok: boolean;
}

const COMPONENT_LABELS: Record<'eventStore' | 'readModels', string> = {
  eventStore: 'Event store',
  readModels: 'Read models',
};

/** Turns the answer of `/health` (or the failure to get one) into what the page shows. */
export function describeHealth(httpStatus: number, body: unknown): BackendHealth {
  if (!isHealthBody(body)) {
    return { state: 'unreachable', reason: `The backend answered HTTP ${httpStatus} without a health report.` };
  }
  const components = (Object.keys(COMPONENT_LABELS) as (keyof typeof COMPONENT_LABELS)[]).map((key) => ({
    label: COMPONENT_LABELS[key],
    ok: body[key] === 'ok',
  }));
  return { state: body.status === 'ok' && httpStatus === 200 ? 'up' : 'degraded', components };
}

function isHealthBody(body: unknown): body is HealthBody {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return (
    typeof candidate.status === 'string' &&
    typeof candidate.eventStore === 'string' &&
    typeof candidate.readModels === 'string'
  );
}

/** Asks the backend how it is; never throws. */
export async function fetchBackendHealth(fetchImpl: typeof fetch = fetch): Promise<BackendHealth> {
  try {
    const response = await fetchImpl('/health', { headers: { accept: 'application/json' } });
    const body: unknown = await response.json().catch(() => undefined);
    return describeHealth(response.status, body);
  } catch {
    return { state: 'unreachable', reason: 'The backend cannot be reached.' };
  }
}
