import type { RecordedEvent } from '@curbe-voice/event-store';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { afterEach, beforeEach } from 'vitest';
import type { Projector } from '../runner/projector';
import { createTestReadModelDatabase, type ReadModelBackend, type TestReadModelDatabase } from './read-model-backends';

/** One projector's tables in a fresh read-model database for every test. */
export interface ProjectorTestDatabase {
  /** Applies the events in order in one transaction, flushing after each. */
  project(events: RecordedEvent[]): Promise<void>;
  /** A fresh entity manager to read the rows with. */
  em(): EntityManager;
}

/** Call inside a `describe`: opens the projector's tables before each test and drops them after it. */
export function projectorTestDatabase(backend: ReadModelBackend, projector: Projector): ProjectorTestDatabase {
  let db: TestReadModelDatabase;
  let orm: MikroORM;
  beforeEach(async () => {
    db = await createTestReadModelDatabase(backend);
    orm = await db.open(projector.entities);
  });
  afterEach(() => db.dispose());

  return {
    project: (events) =>
      orm.em.fork().transactional(async (em) => {
        for (const event of events) {
          await projector.apply(event, em);
          await em.flush();
        }
      }),
    em: () => orm.em.fork(),
  };
}
