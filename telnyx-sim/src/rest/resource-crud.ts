/**
 * Create/list/get/update/delete for the account-owned resources that share one pattern (outbound voice
 * profiles, TeXML applications, credential connections): each resource file supplies how to build a
 * record from a create request, which references to check, and how list filters apply.
 */
import type { FastifyInstance } from 'fastify';
import type { ServedOperationId } from '../spec/served-operations';
import type { ResourceKind, StoredResource } from '../state/sim-state';
import { pageOf } from './list-page';
import { deepMerge, nowIso } from './records';
import { serveOperation, type JsonObject, type OperationContext, type RestDeps } from './serve-operation';
import { notFound } from './telnyx-errors';

type Record_ = StoredResource['record'];

export interface ResourceDefinition {
  kind: ResourceKind;
  operations: {
    create: ServedOperationId;
    list: ServedOperationId;
    get: ServedOperationId;
    update: ServedOperationId;
    delete: ServedOperationId;
  };
  /** The full API object for a new resource (id, record_type, defaults, then the request's fields). */
  build(body: JsonObject, ctx: OperationContext): Record_;
  /** Throws a 422 when the resulting record refers to something the account does not own, or is inconsistent. */
  check?(record: Record_, ctx: OperationContext): void;
  /** List filter from the spec's `filter[...]` parameters. */
  matches?(record: Record_, filter: JsonObject): boolean;
  list: { pageSize: number; sort: string };
}

export function registerResourceCrud(app: FastifyInstance, deps: RestDeps, def: ResourceDefinition): void {
  const find = (ctx: OperationContext) => {
    const record = ctx.state.get(ctx.account.id, def.kind, ctx.params['id'] ?? '');
    if (!record) throw notFound();
    return record;
  };

  serveOperation(app, deps, def.operations.create, (ctx) => {
    const record = def.build(ctx.body, ctx);
    def.check?.(record, ctx);
    return { body: { data: ctx.state.put(ctx.account.id, def.kind, record) } };
  });

  serveOperation(app, deps, def.operations.list, (ctx) => {
    const filter = (ctx.query['filter'] ?? {}) as JsonObject;
    const items = ctx.state.list(ctx.account.id, def.kind).filter((r) => def.matches?.(r, filter) ?? true);
    return { body: pageOf(items, ctx.query, { size: def.list.pageSize, sort: def.list.sort }) };
  });

  serveOperation(app, deps, def.operations.get, (ctx) => ({ body: { data: find(ctx) } }));

  serveOperation(app, deps, def.operations.update, (ctx) => {
    const updated = { ...deepMerge(find(ctx), ctx.body), updated_at: nowIso() };
    def.check?.(updated, ctx);
    return { body: { data: ctx.state.put(ctx.account.id, def.kind, updated) } };
  });

  serveOperation(app, deps, def.operations.delete, (ctx) => {
    const record = find(ctx);
    ctx.state.delete(ctx.account.id, def.kind, record.id);
    return { body: { data: record } };
  });
}
