import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The `prevHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** Metadata fields the chain itself adds; they are left out of the hash they carry. */
export const CHAIN_FIELDS = ['prevHash', 'hash'] as const;

export interface HashedEventParts {
  prevHash: string;
  streamName: string;
  revision: number;
  id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export function withoutChainFields(metadata: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...metadata };
  for (const field of CHAIN_FIELDS) delete rest[field];
  return rest;
}

/**
 * SHA-256 (hex) over one event and the hash before it. The parts go in as one canonical JSON array,
 * so no two different events can produce the same input text.
 */
export function computeEventHash(parts: HashedEventParts): string {
  const input = canonicalJson([
    parts.prevHash,
    parts.streamName,
    parts.revision,
    parts.id.toLowerCase(),
    parts.type,
    parts.data,
    withoutChainFields(parts.metadata),
  ]);
  return createHash('sha256').update(input, 'utf8').digest('hex');
}
