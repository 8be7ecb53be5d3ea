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

  describe('orders Telnyx completes later', () => {
    const placed: NumberEvent = { type: 'NumberOrderPlaced', data: { accountId, phoneNumber, numberOrderId: 'no-1' } };
    const complete = {
      type: 'CompleteOrder',
      accountId,
      phoneNumber,
      numberOrderId: 'no-1',
      phoneNumberId: 'pn-1',
      texmlApplicationId: null,
    } as const;

    it('records the order pending, refuses a second one and any assignment until it completes', () => {
      spec.given([]).when({ type: 'PlaceOrder', accountId, phoneNumber, numberOrderId: 'no-1' }).then([placed]);
      spec
        .given([placed])
        .when({ type: 'PlaceOrder', accountId, phoneNumber, numberOrderId: 'no-2' })
        .thenThrows({ reason: 'order_pending' });
      spec
        .given([placed])
        .when({ type: 'AssignToAgent', accountId, phoneNumber, agentId: 'ana' })
        .thenThrows({ reason: 'order_pending' });
    });

    it('makes the number active once, whichever of the webhook or the poll reports it first', () => {
      const [event] = numberDecider.decide(complete, numberDecider.evolve(null, placed));
      expect(event).toMatchObject({ ...ordered, id: expect.any(String) });
      expect(numberDecider.decide(complete, numberDecider.evolve(null, placed))[0]!.id).toBe(event!.id);
      spec.given([placed, ordered]).when(complete).then([]);
    });

    it('records a failure with Telnyx’s reason; the number then cannot be assigned but can be ordered again', () => {
      const fail = {
        type: 'FailOrder',
        accountId,
        phoneNumber,
        numberOrderId: 'no-1',
        reason: 'carrier said no',
      } as const;
      const [failed] = numberDecider.decide(fail, numberDecider.evolve(null, placed));
      expect(failed).toMatchObject({ type: 'NumberOrderFailed', data: { reason: 'carrier said no' } });
      const state = numberDecider.evolve(numberDecider.evolve(null, placed), failed!);
      expect(() =>
        numberDecider.decide({ type: 'AssignToAgent', accountId, phoneNumber, agentId: 'ana' }, state),
      ).toThrow(/carrier said no/);
      expect(
        numberDecider.decide({ type: 'PlaceOrder', accountId, phoneNumber, numberOrderId: 'no-2' }, state),
      ).toHaveLength(1);
    });
  });

  it('adopts a number once, and marks an active number missing (unassigning its agent first)', () => {
    const adopt = { type: 'Adopt', accountId, phoneNumber, phoneNumberId: 'pn-1', texmlApplicationId: null } as const;
    const [adopted] = numberDecider.decide(adopt, null);
    expect(adopted).toMatchObject({ type: 'NumberOrdered', data: { adopted: true, numberOrderId: null } });
    spec.given([ordered]).when(adopt).then([]);
    spec
      .given([ordered, assignedToAna])
      .when({ type: 'MarkMissing', accountId, phoneNumber })
      .then([
        { type: 'NumberUnassignedFromAgent', data: { accountId, phoneNumber, agentId: 'ana' } },
        { type: 'NumberMissingAtTelnyx', data: { accountId, phoneNumber, phoneNumberId: 'pn-1' } },
      ]);
    spec.given([ordered, released]).when({ type: 'MarkMissing', accountId, phoneNumber }).then([]);
  });
});
