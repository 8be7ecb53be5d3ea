import Fastify from 'fastify';
import { verifyTelnyxSignature } from '../../signing/webhook-signer';

/**
 * A stand-in for the customer's application in tests: a real HTTP server that answers TeXML
 * requests with scripted documents and records every request (with its signature checked).
 */

export interface ReceivedRequest {
  path: string;
  method: string;
  params: Record<string, string>;
  rawBody: string;
  headers: Record<string, string>;
  signatureValid: boolean;
}

export type Responder = (request: ReceivedRequest, nth: number) => { status?: number; body?: string } | string;

export async function startCustomerServer(publicKeyBase64: string) {
  const app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const received: ReceivedRequest[] = [];
  const responders = new Map<string, Responder>();

  app.all('/*', async (request, reply) => {
    const url = new URL(request.url, 'http://customer.local');
    const rawBody = typeof request.body === 'string' ? request.body : '';
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
    const entry: ReceivedRequest = {
      path: url.pathname,
      method: request.method,
      params: Object.fromEntries(new URLSearchParams(request.method === 'GET' ? url.search : rawBody)),
      rawBody,
      headers,
      signatureValid: verifyTelnyxSignature(publicKeyBase64, rawBody, headers),
    };
    received.push(entry);
    const responder = responders.get(url.pathname);
    const nth = received.filter((r) => r.path === url.pathname).length;
    const answer = responder ? responder(entry, nth) : { status: 200, body: '' };
    const { status = 200, body = '' } = typeof answer === 'string' ? { body: answer } : answer;
    return reply.code(status).header('content-type', 'application/xml').send(body);
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('customer server has no port');
  const url = `http://127.0.0.1:${address.port}`;

  return {
    url,
    received,
    /** Answers requests to `path` (TeXML or a status code). */
    on(path: string, responder: Responder | string) {
      responders.set(path, typeof responder === 'string' ? () => responder : responder);
    },
    at(path: string): ReceivedRequest[] {
      return received.filter((r) => r.path === path);
    },
    close: () => app.close(),
  };
}

export type CustomerServer = Awaited<ReturnType<typeof startCustomerServer>>;
