import { expect } from 'vitest';
import { foldEvents, type DecidedEvent, type Decider } from './decider';

/**
 * Given/when/then for a decider, pure: `given` folds past events, `when` decides the command, and
 * `then` compares the events it adds (or `thenThrows` the refusal). For the slices' decider tests.
 */
export interface DeciderSpecification<Command, Event> {
  given(events: Event[]): {
    when(command: Command): {
      then(expected: Event[]): void;
      thenNothing(): void;
      /** `expected`: the error's class, a message pattern, or the fields it must carry. */
      thenThrows(expected: (new (...args: never[]) => Error) | RegExp | Record<string, unknown>): void;
    };
  };
}

export function deciderSpecification<Command, State, Event extends DecidedEvent>(
  decider: Decider<Command, State, Event>,
): DeciderSpecification<Command, Event> {
  return {
    given: (events) => ({
      when: (command) => {
        const decide = () => decider.decide(command, foldEvents(decider, events));
        return {
          then: (expected) => expect(decide()).toEqual(expected),
          thenNothing: () => expect(decide()).toEqual([]),
          thenThrows: (expected) => {
            if (typeof expected === 'function' || expected instanceof RegExp) {
              expect(decide).toThrow(expected);
              return;
            }
            let thrown: unknown;
            try {
              decide();
            } catch (error) {
              thrown = error;
            }
            expect(thrown, 'the command was not refused').toBeInstanceOf(Error);
            expect(thrown).toMatchObject(expected);
          },
        };
      },
    }),
  };
}
