/**
 * Injected faults: which requests they hit and how many times. Pure bookkeeping; the HTTP side
 * (src/faults/fault-hooks.ts) decides what a matched fault does to the request.
 */
import { newUuid } from '../ids/telnyx-ids';

export interface FaultSpec {
  /** Match by the spec's operationId (e.g. `CreateVoiceProfile`)... */
  operationId?: string;
  /** ...or by HTTP method and/or path pattern (`/v2/phone_numbers/*` or `/phone_numbers/{id}`). */
  method?: string;
  path?: string;
  /** Status to answer with (5xx or 429). Omitted with `latencyMs` alone: the request is only delayed. */
  status?: number;
  /** Seconds for the `Retry-After` header (may be fractional). */
  retry_after?: number;
  /** How many matching requests the fault hits; default 1. */
  times?: number | 'always';
  /** Delay before answering (or before handling, when there is no status). */
  latencyMs?: number;
  /** Never answer: hold the connection until the client gives up. */
  timeout?: boolean;
  /** Run the operation (its effects are kept) but answer with `status` (default 500) instead of its result. */
  failAfterCommit?: boolean;
}

export interface Fault extends FaultSpec {
  id: string;
  remaining: number | 'always';
  /** Epoch milliseconds of every request the fault hit. */
  hits: number[];
}

export interface RequestIdentity {
  operationId?: string;
  method: string;
  path: string;
}

export type FaultStage = 'before-handler' | 'after-commit';

export class FaultRegistry {
  private faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: newUuid(), remaining: spec.times ?? 1, hits: [] };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f, hits: [...f.hits] }));
  }

  clear(): void {
    this.faults = [];
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  /** The first live fault for this request at this stage, consumed (its count goes down by one). */
  take(request: RequestIdentity, stage: FaultStage): Fault | undefined {
    const fault = this.faults.find(
      (f) => f.remaining !== 0 && (f.failAfterCommit === true) === (stage === 'after-commit') && matches(f, request),
    );
    if (!fault) return undefined;
    if (fault.remaining !== 'always') fault.remaining -= 1;
    fault.hits.push(Date.now());
    return fault;
  }
}

function matches(fault: FaultSpec, request: RequestIdentity): boolean {
  if (fault.operationId !== undefined && fault.operationId !== request.operationId) return false;
  if (fault.method !== undefined && fault.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (fault.path !== undefined && !pathMatches(fault.path, request.path)) return false;
  return fault.operationId !== undefined || fault.method !== undefined || fault.path !== undefined;
}

/** `*` and `{name}` match one path segment, `**` any rest; patterns without `/v2` are taken as relative to it. */
export function pathMatches(pattern: string, path: string): boolean {
  const absolute =
    pattern.startsWith('/v2/') || pattern === '/v2' || pattern.startsWith('/sim') ? pattern : `/v2${pattern}`;
  const source = absolute
    .split('/')
    .map((segment) => {
      if (segment === '**') return '.*';
      if (segment === '*' || /^\{[^}]+\}$/.test(segment)) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`).test(path.split('?')[0]!);
}
