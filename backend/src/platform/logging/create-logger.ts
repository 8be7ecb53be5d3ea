import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/config-schema';
import { REDACTED, redactSecrets, redactUrl } from './redact-secrets';

export type { Logger } from 'pino';

/**
 * Known places of secrets in serialized shapes (HTTP headers, errors), redacted by path by pino
 * after the serializers run. Fields elsewhere are caught by name (`redactSecrets`).
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'err.headers.authorization',
  // Top-level names also cover child-logger bindings, which the field-name redaction does not see.
  'password',
  'sip_password',
  'api_key',
  'apiKey',
  'token',
  'secret',
  'authorization',
  'cookie',
  '*.password',
  '*.sip_password',
  '*.api_key',
  '*.apiKey',
  '*.token',
  '*.secret',
];

interface RequestLike {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; standard output by default. */
  destination?: DestinationStream;
}

/** The one logger of the backend: JSON lines, secrets redacted by name and by path. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
      formatters: {
        log: (object) => redactSecrets(object),
        bindings: (bindings) => redactSecrets(bindings),
      },
      serializers: {
        // Fastify's request shape, with secrets in query strings (`?token=`) hidden.
        req: (request: RequestLike) => ({
          method: request.method,
          url: request.url === undefined ? undefined : redactUrl(request.url),
          host: request.host,
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        }),
        err: (error: Error) => redactSecrets({ ...stdSerializers.err(error) }),
      },
    },
    options.destination,
  );
}
