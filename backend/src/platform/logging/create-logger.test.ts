import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger';

const SECRETS = [
  'S3cr3t-sip',
  'hunter2',
  'KEY-abc123',
  'KEY-def456',
  'eyJhbGciOi.jwt',
  'sid=cookie-value',
  'Bearer tok-999',
  'whsec_77',
  'deep-secret-42',
  'query-token-5',
];

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level: 'trace', destination });
  const output = () => lines.join('\n');
  return { logger, lines, output };
}

function expectNoSecret(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('createLogger', () => {
  it('redacts secrets in logged objects at any depth, keeping the rest', () => {
    const { logger, output } = capture();
    logger.info(
      {
        agentId: 'agent-1',
        credential: { sip_username: 'gencred1', sip_password: 'S3cr3t-sip' },
        user: { email: 'ana@example.com', password: 'hunter2' },
        telnyx: { api_key: 'KEY-abc123', apiKey: 'KEY-def456' },
        session: { token: 'eyJhbGciOi.jwt', tokenId: 'tok-id-1' },
        headers: { authorization: 'Bearer tok-999', cookie: 'sid=cookie-value' },
        settings: { webhookSecret: 'whsec_77' },
        nested: [{ a: { b: { c: { clientSecret: 'deep-secret-42' } } } }],
      },
      'provisioned',
    );
    const text = output();
    expectNoSecret(text);
    const line = JSON.parse(text) as {
      msg: string;
      agentId: string;
      credential: object;
      session: { tokenId: string };
      user: { email: string };
    };
    expect(line.msg).toBe('provisioned');
    expect(line.agentId).toBe('agent-1');
    expect(line.credential).toEqual({ sip_username: 'gencred1', sip_password: '[redacted]' });
    expect(line.session.tokenId).toBe('tok-id-1');
    expect(line.user.email).toBe('ana@example.com');
  });

  it('redacts secrets in child bindings and in logged errors', () => {
    const { logger, output } = capture();
    logger.child({ apiKey: 'KEY-abc123' }).warn('child');
    const error = Object.assign(new Error('Telnyx refused'), {
      request: { headers: { authorization: 'Bearer tok-999' } },
      password: 'hunter2',
    });
    logger.error({ err: error }, 'failed');
    expectNoSecret(output());
    expect(output()).toContain('Telnyx refused');
  });

  it('redacts request headers and query tokens in HTTP request logs', async () => {
    const { logger, output } = capture();
    const app = Fastify({ loggerInstance: logger });
    app.get('/api/echo', async (request) => {
      request.log.info({ headers: request.headers }, 'headers seen');
      return { ok: true };
    });
    try {
      const response = await app.inject({
        method: 'GET',
        url: '/api/echo?token=query-token-5&page=2',
        headers: { authorization: 'Bearer tok-999', cookie: 'sid=cookie-value' },
      });
      expect(response.statusCode).toBe(200);
    } finally {
      await app.close();
    }
    const text = output();
    expectNoSecret(text);
    expect(text).toContain('/api/echo?token=%5Bredacted%5D&page=2');
  });
});
