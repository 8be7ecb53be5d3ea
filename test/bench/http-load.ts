/**
 * The load side of the HTTP benchmarks: a keep-alive connection pool that sends prepared requests at a
 * fixed rate or back to back, and the latencies it saw.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PreparedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface PhaseResult {
  sent: number;
  ok: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

export interface LoadDriver {
  /** One request every 1/`perSecond` s; latency counts from when each request was due, so a stall shows. */
  fixedRate(url: URL, requests: PreparedRequest[], perSecond: number): Promise<PhaseResult>;
  /**
   * Every connection sending back to back for `seconds`. `cycle`: the target ignores call ids (the bare
   * route), so the prepared bodies may repeat.
   */
  saturation(url: URL, requests: PreparedRequest[], seconds: number, cycle?: boolean): Promise<PhaseResult>;
  /** Sends every request once over the connection pool; returns how many were answered 2xx. */
  sendAll(url: URL, requests: PreparedRequest[]): Promise<number>;
  close(): void;
}

const isOk = (status: number) => status >= 200 && status < 300;

export function httpLoad(connections: number): LoadDriver {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections * 2 });

  function send(url: URL, request: PreparedRequest): Promise<number> {
    return new Promise((resolve) => {
      const req = http.request(url, { method: 'POST', headers: request.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
      req.end(request.body);
    });
  }

  async function fixedRate(url: URL, requests: PreparedRequest[], perSecond: number): Promise<PhaseResult> {
    const intervalMs = 1000 / perSecond;
    const start = performance.now();
    const latenciesMs: number[] = [];
    let ok = 0;
    let errors = 0;
    const pending: Promise<void>[] = [];
    for (const [index, request] of requests.entries()) {
      const due = start + index * intervalMs;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      // Late requests count from when they were due (a stall shows); one sent early counts from its send.
      const from = Math.min(due, performance.now());
      pending.push(
        send(url, request).then((status) => {
          latenciesMs.push(performance.now() - from);
          if (isOk(status)) ok++;
          else errors++;
        }),
      );
    }
    await Promise.all(pending);
    return { sent: requests.length, ok, errors, seconds: (performance.now() - start) / 1000, latenciesMs };
  }

  async function saturation(
    url: URL,
    requests: PreparedRequest[],
    seconds: number,
    cycle = false,
  ): Promise<PhaseResult> {
    const start = performance.now();
    const until = start + seconds * 1000;
    const latenciesMs: number[] = [];
    let next = 0;
    let ok = 0;
    let errors = 0;
    const worker = async () => {
      while (performance.now() < until && (cycle || next < requests.length)) {
        const request = requests[next++ % requests.length]!;
        const began = performance.now();
        const status = await send(url, request);
        latenciesMs.push(performance.now() - began);
        if (isOk(status)) ok++;
        else errors++;
      }
    };
    await Promise.all(Array.from({ length: connections }, worker));
    return { sent: next, ok, errors, seconds: (performance.now() - start) / 1000, latenciesMs };
  }

  async function sendAll(url: URL, requests: PreparedRequest[]): Promise<number> {
    let next = 0;
    let ok = 0;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < requests.length) {
          if (isOk(await send(url, requests[next++]!))) ok++;
        }
      }),
    );
    return ok;
  }

  return { fixedRate, saturation, sendAll, close: () => agent.destroy() };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
