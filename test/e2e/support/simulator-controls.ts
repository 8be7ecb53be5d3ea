/** The simulator's answer to a control request: its status and JSON body (`{}` when empty). */
export interface SimulatorAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Calls the simulator's test controls (`/sim/*`) at `simulatorUrl`, sending `body` as JSON when given. */
export function simulatorControls(simulatorUrl: string) {
  return async (method: string, path: string, body?: unknown): Promise<SimulatorAnswer> => {
    const response = await fetch(`${simulatorUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}
