import { isNumberEventType, numberStreamName, type NumberEvent } from '@curbe-voice/contracts';
import type { EventStore } from '@curbe-voice/event-store';
import type { LoadedStream } from '../accounts';
import { evolveNumber, type NumberState } from './number-state';

export interface LoadedNumber extends LoadedStream<NumberEvent> {
  state: NumberState | null;
}

export async function loadNumber(store: EventStore, phoneNumber: string): Promise<LoadedNumber> {
  const recorded = await store.readStream(numberStreamName(phoneNumber));
  const events = recorded.filter((e) => isNumberEventType(e.type)).map((e) => ({ type: e.type, data: e.data }) as NumberEvent);
  const last = recorded.at(-1);
  return { events, state: events.reduce(evolveNumber, null), expectedRevision: last ? last.revision : 'no_stream' };
}
