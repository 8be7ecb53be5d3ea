import { randomUUID } from 'node:crypto';

/** The JSON-RPC 2.0 frames `@telnyx/webrtc` exchanges with its gateway (one text frame each). */

export interface RpcRequest {
  jsonrpc: '2.0';
  id: string | number;
  method: string;
  params: Record<string, unknown>;
}

export type IncomingFrame =
  | { kind: 'request'; request: RpcRequest }
  /** The client's acknowledgement of something the gateway pushed. */
  | { kind: 'response'; id: string | number }
  | { kind: 'invalid'; id: string | number | null; reason: string };

/** JSON-RPC error codes the gateway answers with (Verto's, which the SDK knows). */
export const RpcErrorCode = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  authenticationRequired: -32000,
  loginFailed: -32001,
  callFailed: -32002,
} as const;

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseFrame(text: string): IncomingFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'invalid', id: null, reason: 'frame is not JSON' };
  }
  if (!isObject(value)) return { kind: 'invalid', id: null, reason: 'frame is not a JSON object' };
  const id = typeof value['id'] === 'string' || typeof value['id'] === 'number' ? value['id'] : null;
  if (typeof value['method'] === 'string') {
    if (id === null) return { kind: 'invalid', id, reason: 'request has no id' };
    const params = value['params'] ?? {};
    if (!isObject(params)) return { kind: 'invalid', id, reason: 'params must be an object' };
    return { kind: 'request', request: { jsonrpc: '2.0', id, method: value['method'], params } };
  }
  if (id !== null && ('result' in value || 'error' in value)) return { kind: 'response', id };
  return { kind: 'invalid', id, reason: 'frame is neither a request nor a response' };
}

export function resultFrame(id: string | number, result: Record<string, unknown>): string {
  return JSON.stringify({ jsonrpc: '2.0', id, result });
}

export function errorFrame(id: string | number | null, code: number, message: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } });
}

export function requestFrame(method: string, params: Record<string, unknown>): string {
  return JSON.stringify({ jsonrpc: '2.0', id: randomUUID(), method, params });
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A required, non-empty string parameter; a clear error otherwise. */
export function stringParam(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || !value)
    throw new RpcError(RpcErrorCode.invalidParams, `${name} must be a non-empty string`);
  return value;
}

/** `dialogParams` of a call request (the SDK puts callID and the numbers there). */
export function dialogParams(params: Record<string, unknown>): Record<string, unknown> {
  const dialog = params['dialogParams'];
  if (!isObject(dialog)) throw new RpcError(RpcErrorCode.invalidParams, 'dialogParams must be an object');
  return dialog;
}
