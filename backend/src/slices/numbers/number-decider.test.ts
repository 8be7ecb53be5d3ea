import type { NumberEvent } from '@curbe-voice/contracts';
import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../platform/event-sourcing/decider-specification';
import { numberDecider } from './number-decider';

const spec = deciderSpecification(numberDecider);
const accountId = 'acc-1';
const phoneNumber = '+13125550101';
const ordered: NumberEvent = {
  type: 'NumberOrdered',
  data: { accountId, phoneNumber, phoneNumberId: 'pn-1', numberOrderId: 'no-1', adopted: false },
};
const assignedToAna: NumberEvent = { type: 'NumberAssignedToAgent', data: { accountId, phoneNumber, agentId: 'ana' } };
const released: NumberEvent = { type: 'NumberReleased', data: { accountId, phoneNumber, phoneNumberId: 'pn-1' } };
const recordOrder = {
  type: 'RecordOrder',
  accountId,
  phoneNumber,
  phoneNumberId: 'pn-1',
  numberOrderId: 'no-1',
  adopted: false,
} as const;

describe('number decider', () => {
  it('records an order, and its attachment to the TeXML application when there is one', () => {
    spec
      .given([])
      .when({ ...recordOrder, texmlApplicationId: null })
      .then([ordered]);
    spec
      .given([])
      .when({ ...recordOrder, texmlApplicationId: 'app-1' })
      .then([
        ordered,
        {
          type: 'NumberAttachedToApplication',
          data: { accountId, phoneNumber, phoneNumberId: 'pn-1', texmlApplicationId: 'app-1' },
        },
      ]);
  });

  it('refuses a malformed number and a number some account holds; a released number may be ordered again', () => {
    spec
      .given([])
      .when({ ...recordOrder, phoneNumber: '3125550101', texmlApplicationId: null })
      .thenThrows({ reason: 'invalid_number' });
    spec
      .given([ordered])
      .when({ ...recordOrder, texmlApplicationId: null })
      .thenThrows({ reason: 'already_owned', message: expect.stringMatching(/belongs to this account/) });
    spec
      .given([ordered])
      .when({ ...recordOrder, accountId: 'acc-2', texmlApplicationId: null })
      .thenThrows({ reason: 'already_owned', message: expect.stringMatching(/not available/) });
    spec
      .given([ordered, released])
      .when({ ...recordOrder, texmlApplicationId: null })
      .then([ordered]);
  });

  it('assigns to one agent at a time: the same agent again adds nothing, another agent must wait for an unassign', () => {
    const assign = (agentId: string) => ({ type: 'AssignToAgent', accountId, phoneNumber, agentId }) as const;
    spec.given([ordered]).when(assign('ana')).then([assignedToAna]);
    spec.given([ordered, assignedToAna]).when(assign('ana')).thenNothing();
    spec.given([ordered, assignedToAna]).when(assign('ben')).thenThrows({ reason: 'assigned_to_other_agent' });
    spec.given([ordered, released]).when(assign('ana')).thenThrows({ reason: 'released' });
    spec
      .given([ordered])
      .when({ ...assign('ana'), accountId: 'acc-2' })
      .thenThrows({ reason: 'number_not_found' });
  });

  it('unassigns only an assigned number', () => {
    const unassign = { type: 'Unassign', accountId, phoneNumber } as const;
    spec.given([ordered]).when(unassign).thenNothing();
    spec
      .given([ordered, assignedToAna])
      .when(unassign)
      .then([{ type: 'NumberUnassignedFromAgent', data: { accountId, phoneNumber, agentId: 'ana' } }]);
  });

  it('releases a number, recording the agent’s loss of it first', () => {
    const release = { type: 'RecordRelease', accountId, phoneNumber } as const;
    spec.given([ordered]).when(release).then([released]);
    spec
      .given([ordered, assignedToAna])
      .when(release)
      .then([{ type: 'NumberUnassignedFromAgent', data: { accountId, phoneNumber, agentId: 'ana' } }, released]);
    spec.given([]).when(release).thenThrows({ reason: 'number_not_found' });
  });
});
