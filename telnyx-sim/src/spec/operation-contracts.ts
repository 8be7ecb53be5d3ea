/**
 * Compiled request and response validators for every served operation, built once from the committed
 * spec subset (spec/telnyx-subset.json) with the JSON Schema 2020-12 dialect that OpenAPI 3.1 uses.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { closeRequestSchema } from './close-request-schema';
import { inlineRefs } from './inline-refs';
import { nestQuery, splitCommaArrays } from './query-params';
import { SERVED_OPERATION_IDS, type ServedOperationId } from './served-operations';
import { applySpecCorrections } from './spec-corrections';
import { SUBSET_PATH } from './spec-files';

type JsonObject = Record<string, unknown>;

export interface ValidationIssue {
  /** JSON pointer into the request body, for body errors. */
  pointer?: string;
  /** Parameter name, e.g. `filter[country_code]` or `id`, for query/path errors. */
  parameter?: string;
  detail: string;
}

export interface CheckedRequest {
  /** Query parameters as nested, type-coerced objects (`filter.phone_number.starts_with`). */
  query: JsonObject;
  issues: ValidationIssue[];
}

export interface OperationContract {
  operationId: ServedOperationId;
  method: string;
  /** The spec's path template, e.g. `/phone_numbers/{id}`. */
  specPath: string;
  /** The lowest 2xx status the spec documents for this operation. */
  successStatus: number;
  checkRequest(input: {
    body: unknown;
    query: Record<string, unknown>;
    params: Record<string, string>;
  }): CheckedRequest;
  /** Problems with a response the simulator sent; empty when it matches the spec. */
  checkResponse(status: number, contentType: string | undefined, body: unknown): string[];
}

function newAjv(options: { coerceTypes?: 'array' } = {}) {
  // strict off: OpenAPI adds keywords JSON Schema does not know (example, discriminator, x-*, readOnly).
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, logger: false, ...options });
  addFormats(ajv);
  return ajv;
}

let cached: Map<ServedOperationId, OperationContract> | undefined;

export function loadSubset(): JsonObject {
  const doc = JSON.parse(readFileSync(SUBSET_PATH, 'utf8')) as JsonObject;
  applySpecCorrections(doc);
  return doc;
}

/** Every served operation's contract, keyed by operationId (compiled on first use, then shared). */
export function operationContracts(): Map<ServedOperationId, OperationContract> {
  if (cached) return cached;
  const doc = loadSubset();
  const bodyAjv = newAjv();
  const queryAjv = newAjv({ coerceTypes: 'array' });
  const responseAjv = newAjv();
  const contracts = new Map<ServedOperationId, OperationContract>();
  const wanted = new Set<string>(SERVED_OPERATION_IDS);
  for (const [specPath, item] of Object.entries(doc['paths'] as Record<string, JsonObject>)) {
    for (const [method, rawOp] of Object.entries(item)) {
      const op = rawOp as JsonObject;
      if (!wanted.has(op['operationId'] as string)) continue;
      const contract = compileOperation(doc, specPath, method, op, { bodyAjv, queryAjv, responseAjv });
      contracts.set(contract.operationId, contract);
    }
  }
  cached = contracts;
  return contracts;
}

export function operationContract(operationId: ServedOperationId): OperationContract {
  const contract = operationContracts().get(operationId);
  if (!contract) throw new Error(`operation ${operationId} is not in the spec subset`);
  return contract;
}

interface Compilers {
  bodyAjv: Ajv2020;
  queryAjv: Ajv2020;
  responseAjv: Ajv2020;
}

function compileOperation(
  doc: JsonObject,
  specPath: string,
  method: string,
  op: JsonObject,
  c: Compilers,
): OperationContract {
  const operationId = op['operationId'] as ServedOperationId;
  const parameters = ((op['parameters'] ?? []) as unknown[]).map((p) => inlineRefs(p, doc) as JsonObject);
  const paramSchema = (location: 'query' | 'path') => {
    const own = parameters.filter((p) => p['in'] === location);
    return {
      type: 'object',
      properties: Object.fromEntries(own.map((p) => [p['name'] as string, p['schema'] ?? {}])),
      required: own.filter((p) => p['required']).map((p) => p['name'] as string),
    };
  };
  const querySchema = paramSchema('query');
  const validateQuery = c.queryAjv.compile(querySchema);
  const validatePath = c.queryAjv.compile(paramSchema('path'));

  const requestBody = op['requestBody'] ? (inlineRefs(op['requestBody'], doc) as JsonObject) : undefined;
  const bodySchema = (requestBody?.['content'] as Record<string, JsonObject> | undefined)?.['application/json']?.[
    'schema'
  ];
  const validateBody = bodySchema ? c.bodyAjv.compile(closeRequestSchema(bodySchema) as JsonObject) : undefined;
  const bodyRequired = requestBody?.['required'] === true;

  const responses = op['responses'] as Record<string, unknown>;
  const responseValidators = new Map<string, Map<string, ValidateFunction | null>>();
  for (const [status, raw] of Object.entries(responses)) {
    const response = inlineRefs(raw, doc) as JsonObject;
    const byType = new Map<string, ValidateFunction | null>();
    for (const [type, media] of Object.entries((response['content'] ?? {}) as Record<string, JsonObject>)) {
      byType.set(type, media['schema'] ? c.responseAjv.compile(media['schema'] as JsonObject) : null);
    }
    responseValidators.set(status, byType);
  }
  const successStatus = Math.min(
    ...Object.keys(responses)
      .map(Number)
      .filter((s) => s >= 200 && s < 300),
  );

  return {
    operationId,
    method: method.toUpperCase(),
    specPath,
    successStatus,
    checkRequest({ body, query, params }) {
      const issues: ValidationIssue[] = [];
      const nested = splitCommaArrays(nestQuery(query), querySchema) as JsonObject;
      if (!validatePath({ ...params })) issues.push(...toIssues(validatePath.errors, 'parameter'));
      if (!validateQuery(nested)) issues.push(...toIssues(validateQuery.errors, 'parameter'));
      if (validateBody) {
        if (body === undefined || body === null) {
          if (bodyRequired) issues.push({ pointer: '/', detail: 'A JSON request body is required.' });
        } else if (!validateBody(body)) {
          issues.push(...toIssues(validateBody.errors, 'pointer'));
        }
      }
      return { query: nested, issues };
    },
    checkResponse(status, contentType, body) {
      const byType = responseValidators.get(String(status)) ?? responseValidators.get(`${String(status)[0]}XX`);
      if (!byType) return [`status ${status} is not documented for ${operationId}`];
      if (byType.size === 0) return [];
      const type = (contentType ?? '').split(';')[0]!.trim();
      if (!byType.has(type)) return [`content type "${type}" is not documented for ${operationId} ${status}`];
      const validate = byType.get(type);
      if (!validate || validate(body)) return [];
      return (validate.errors ?? []).map(
        (e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`,
      );
    },
  };
}

function toIssues(errors: ErrorObject[] | null | undefined, kind: 'pointer' | 'parameter'): ValidationIssue[] {
  return (errors ?? []).map((e) => {
    let pointer = e.instancePath;
    let detail = e.message ?? 'is invalid';
    if (e.keyword === 'required') pointer += `/${String(e.params['missingProperty'])}`;
    if (e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') {
      const field = String(e.params['additionalProperty'] ?? e.params['unevaluatedProperty']);
      pointer += `/${field}`;
      detail = 'is not a recognised field';
    }
    if (e.keyword === 'enum')
      detail += `: ${(e.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    if (e.keyword === 'required') detail = 'is required';
    const where = pointer || '/';
    return kind === 'pointer'
      ? { pointer: where, detail: `${where} ${detail}` }
      : { parameter: parameterName(where), detail: `${parameterName(where)} ${detail}` };
  });
}

function parameterName(pointer: string): string {
  const [first, ...rest] = pointer.split('/').filter(Boolean);
  return `${first ?? ''}${rest.map((s) => `[${s}]`).join('')}`;
}
