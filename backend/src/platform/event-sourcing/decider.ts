/**
 * A slice's rules as three pure pieces: what a command adds (`decide`), what an event changes
 * (`evolve`), and where a stream's story starts (`initialState`). No I/O, no clock: the command
 * handler reads, folds and appends around them.
 */

/** What a decider may emit: an event, optionally with its own id (derived from an outside fact) and time. */
export interface DecidedEvent {
  type: string;
  data: unknown;
  /** Deterministic ids make a redelivered fact dedupe in the store; random when absent. */
  id?: string;
  /** When the fact happened, if not now (e.g. the time a Telnyx callback reports). */
  occurredAt?: string;
}

export interface Decider<Command, State, Event extends DecidedEvent> {
  /** The events the command adds given the state; `[]` when there is nothing to add; throws to refuse. */
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState: State | (() => State);
  /** Which stored event types this decider folds; others sharing the stream are skipped. Default: all. */
  knows?: (eventType: string) => boolean;
}

export function initialStateOf<State>(decider: Pick<Decider<unknown, State, DecidedEvent>, 'initialState'>): State {
  const { initialState } = decider;
  return typeof initialState === 'function' ? (initialState as () => State)() : initialState;
}

/** The state after the given events, starting from the decider's initial state. */
export function foldEvents<Command, State, Event extends DecidedEvent>(
  decider: Decider<Command, State, Event>,
  events: readonly Event[],
  from: State = initialStateOf(decider),
): State {
  return events.reduce((state, event) => decider.evolve(state, event), from);
}
