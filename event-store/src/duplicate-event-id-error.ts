/**
 * Thrown by the SQLite adapter when an append carries event ids that are already stored but the append is
 * not a retry of the append that stored them (different stream, different batch, or incompatible expected
 * revision). Nothing of the append is written. EventStoreDB itself does not enforce global id uniqueness.
 */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly streamName: string,
    readonly eventIds: string[],
  ) {
    super(`Event ids already stored, append to ${streamName} refused: ${eventIds.join(', ')}`);
  }
}
