import type { EntityManager, EntitySchema } from '@mikro-orm/core';
import type { EventFilter, RecordedEvent } from '@curbe-voice/event-store';

/** Turns events into read-model rows. */
export interface Projector {
  /** Unique; keys the checkpoint. */
  name: string;
  /** Bump when `apply` or the entities change meaning: the read model is then rebuilt from the start. */
  version: number;
  /** The tables this projector owns (emptied on rebuild). */
  entities: EntitySchema[];
  /** Only matching events are delivered (pushed down to the event store). */
  filter?: EventFilter;
  /** Writes rows through `em` only; runs inside the transaction that also stores the checkpoint. */
  apply(event: RecordedEvent, em: EntityManager): Promise<void>;
}
