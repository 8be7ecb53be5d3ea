import type { PlatformEvent } from '@curbe-voice/contracts';
import { describe, it } from 'vitest';
import { deciderSpecification } from '../../platform/event-sourcing/decider-specification';
import { operatorDecider, OperatorRejected } from './operator-decider';

const spec = deciderSpecification(operatorDecider);
const olive = { userId: 'op1', email: 'olive@platform.test', displayName: 'Olive' };
const oliveAdded: PlatformEvent = { type: 'PlatformOperatorAdded', data: olive };
const add = (operator: Partial<typeof olive> = {}) =>
  ({ type: 'AddOperator', operator: { ...olive, ...operator } }) as const;

describe('platform operator decider', () => {
  it('adds an operator with the email normalised and the name trimmed', () => {
    spec
      .given([])
      .when(add({ email: ' Olive@Platform.TEST ', displayName: ' Olive ' }))
      .then([oliveAdded]);
  });

  it('refuses a taken email, a malformed email, a blank name and a known user', () => {
    spec
      .given([oliveAdded])
      .when(add({ userId: 'op2', email: 'OLIVE@platform.test' }))
      .thenThrows({ reason: 'email_taken' });
    spec
      .given([])
      .when(add({ email: 'olive' }))
      .thenThrows(OperatorRejected);
    spec
      .given([])
      .when(add({ displayName: '  ' }))
      .thenThrows({ reason: 'invalid' });
    spec
      .given([oliveAdded])
      .when(add({ email: 'other@platform.test' }))
      .thenThrows({ reason: 'invalid' });
  });
});
