/** A dependency's liveness probe: resolves when it answers, rejects (or hangs) when it does not. */
export type Probe = () => Promise<void>;

export type ComponentStatus = 'ok' | 'down';

export interface HealthReport<Name extends string> {
  healthy: boolean;
  components: Record<Name, ComponentStatus>;
  /** Why each failing component is down, for the log (never sent to clients). */
  failures: Partial<Record<Name, unknown>>;
}

/**
 * Runs every probe at once. A probe that has not answered within `timeoutMs` counts as down, so a
 * stuck database makes `/health` fail fast instead of hanging the load balancer's check.
 */
export async function checkHealth<Name extends string>(
  probes: Record<Name, Probe>,
  timeoutMs: number,
): Promise<HealthReport<Name>> {
  const names = Object.keys(probes) as Name[];
  const outcomes = await Promise.allSettled(names.map((name) => withTimeout(probes[name](), timeoutMs, name)));
  const components = {} as Record<Name, ComponentStatus>;
  const failures: Partial<Record<Name, unknown>> = {};
  names.forEach((name, index) => {
    const outcome = outcomes[index]!;
    components[name] = outcome.status === 'fulfilled' ? 'ok' : 'down';
    if (outcome.status === 'rejected') failures[name] = outcome.reason as unknown;
  });
  return { healthy: Object.keys(failures).length === 0, components, failures };
}

async function withTimeout(probe: Promise<void>, timeoutMs: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
