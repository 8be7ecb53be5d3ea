import type { RecordedEvent } from '../port';
import { computeEventHash, GENESIS_HASH } from './event-hash';

export interface StreamChainReport {
  intact: boolean;
  /** The first revision whose event does not fit the chain; everything before it is intact. */
  firstBrokenRevision?: number;
  reason?: string;
}

type ChainedEvent = Pick<RecordedEvent, 'id' | 'type' | 'data' | 'metadata' | 'streamName' | 'revision'>;

/**
 * Checks one whole stream, read forwards from revision 0: every event must carry the hash of the one
 * before it and a hash that matches its own content. An edited event fails on its own hash; an event
 * whose hash was recomputed after an edit fails at the next event's `prevHash`; a removed event
 * leaves a gap in the revisions.
 */
export function verifyStreamChain(events: readonly ChainedEvent[]): StreamChainReport {
  let expectedPrevHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const broken = (reason: string): StreamChainReport => ({ intact: false, firstBrokenRevision: index, reason });
    if (event.revision !== index) {
      return broken(
        `expected revision ${index} but found revision ${event.revision}: an event is missing or out of place`,
      );
    }
    if (index > 0 && event.streamName !== events[0]!.streamName) {
      return broken(`event ${event.id} belongs to stream ${event.streamName}, not ${events[0]!.streamName}`);
    }
    const { prevHash, hash } = event.metadata;
    if (typeof prevHash !== 'string' || typeof hash !== 'string') return broken('the event carries no hash');
    if (prevHash !== expectedPrevHash) {
      return broken(
        index === 0
          ? 'the first event does not start from the genesis hash'
          : 'prevHash does not match the hash of the previous event',
      );
    }
    const recomputed = computeEventHash({
      prevHash,
      streamName: event.streamName,
      revision: event.revision,
      id: event.id,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
    });
    if (recomputed !== hash) return broken('the stored content does not match its hash (the event was altered)');
    expectedPrevHash = hash;
  }
  return { intact: true };
}
