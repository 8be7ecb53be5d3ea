import { Ajv, type ErrorObject, type JSONSchemaType } from 'ajv';
import type { CalleeBehaviour } from './callee-scripts';
import type { CallEngineSettingsPatch } from './engine-settings';
import { invalidParameter } from './telnyx-errors';

/** Bodies of the simulator's control API, checked strictly so that a typo is an error, not a no-op. */

export interface InboundCallBody {
  from: string;
  to: string;
  voicemailMs?: number;
}

export interface OutboundCallBody {
  sip_username: string;
  to: string;
  /** What a web phone's `newCall` sets (`callerNumber`, `callerName`): the browser's own choice. */
  caller_id_number?: string;
  caller_id_name?: string;
  voicemailMs?: number;
}

export interface CalleeBody {
  behaviour: CalleeBehaviour;
  answerAfterMs?: number;
  hangupAfterMs?: number | null;
}

const ajv = new Ajv({ allErrors: false, strict: true });

const inboundCallSchema: JSONSchemaType<InboundCallBody> = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: {
    from: { type: 'string', minLength: 1 },
    to: { type: 'string', minLength: 1 },
    voicemailMs: { type: 'number', minimum: 0, nullable: true },
  },
};

const outboundCallSchema: JSONSchemaType<OutboundCallBody> = {
  type: 'object',
  additionalProperties: false,
  required: ['sip_username', 'to'],
  properties: {
    sip_username: { type: 'string', minLength: 1 },
    to: { type: 'string', minLength: 1 },
    caller_id_number: { type: 'string', minLength: 1, nullable: true },
    caller_id_name: { type: 'string', minLength: 1, nullable: true },
    voicemailMs: { type: 'number', minimum: 0, nullable: true },
  },
};

const calleeSchema: JSONSchemaType<CalleeBody> = {
  type: 'object',
  additionalProperties: false,
  required: ['behaviour'],
  properties: {
    behaviour: { type: 'string', enum: ['answer', 'busy', 'no-answer', 'fail'] },
    answerAfterMs: { type: 'number', minimum: 0, nullable: true },
    hangupAfterMs: { type: 'number', minimum: 0, nullable: true },
  },
};

const settingsSchema: JSONSchemaType<CallEngineSettingsPatch> = {
  type: 'object',
  additionalProperties: false,
  required: [],
  properties: {
    timeScale: { type: 'number', exclusiveMinimum: 0, maximum: 100, nullable: true },
    voicemailMs: { type: 'number', minimum: 0, nullable: true },
    recordingUrlTtlMs: { type: 'number', minimum: 0, nullable: true },
    callbackMaxAttempts: { type: 'integer', minimum: 1, maximum: 10, nullable: true },
    callbackRetryBaseMs: { type: 'number', minimum: 0, nullable: true },
    httpTimeoutMs: { type: 'number', minimum: 1, nullable: true },
    callbackChaos: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: [],
      properties: {
        duplicate: { type: 'boolean', nullable: true },
        shuffle: { type: 'boolean', nullable: true },
      },
    },
  },
};

const validators = {
  inboundCall: ajv.compile(inboundCallSchema),
  outboundCall: ajv.compile(outboundCallSchema),
  callee: ajv.compile(calleeSchema),
  settings: ajv.compile(settingsSchema),
};

export function parseInboundCallBody(body: unknown): InboundCallBody {
  return check(validators.inboundCall, body);
}

export function parseOutboundCallBody(body: unknown): OutboundCallBody {
  return check(validators.outboundCall, body);
}

export function parseCalleeBody(body: unknown): CalleeBody {
  return check(validators.callee, body);
}

export function parseSettingsBody(body: unknown): CallEngineSettingsPatch {
  return check(validators.settings, body);
}

function check<T>(validate: ((data: unknown) => data is T) & { errors?: ErrorObject[] | null }, body: unknown): T {
  if (validate(body ?? {})) return (body ?? {}) as T;
  const error = validate.errors?.[0];
  if (!error) throw invalidParameter('invalid request body');
  const extra = error.keyword === 'additionalProperties' ? `/${String(error.params['additionalProperty'])}` : '';
  const pointer = `${error.instancePath}${extra}` || '/';
  throw invalidParameter(`${pointer} ${error.message ?? 'is invalid'}`, pointer);
}
