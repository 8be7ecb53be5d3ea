import { describe, expect, it } from 'vitest';
import type { AccountMember, OwnedNumber } from '../api/types';
import { assignableAgents } from './assignable-agents';

const member = (userId: string, displayName: string, role: AccountMember['role']): AccountMember => ({
  userId,
  email: `${userId}@agency.test`,
  displayName,
  role,
  sipUsername: role === 'agent' ? `sip-${userId}` : null,
  numbers: [],
  status: 'active',
  joined: true,
});

const number = (phoneNumber: string, agentId: string | null, agentName: string | null = null): OwnedNumber => ({
  phoneNumber,
  accountId: 'acc',
  phoneNumberId: `id-${phoneNumber}`,
  status: 'active',
  failureReason: null,
  texmlApplicationId: 'app',
  agentId,
  agentName,
});

describe('whom a number can ring', () => {
  it('offers every agent of the account by name, including those without a number, and no auditor', () => {
    const members = [
      member('ben', 'Ben Agent', 'agent'),
      member('audrey', 'Audrey Auditor', 'auditor'),
      member('ana', 'Ana Agent', 'agent'),
    ];
    const agents = assignableAgents(members, [number('+13125550101', 'ana', 'Ana Agent')]);
    expect(agents.map((agent) => [agent.userId, agent.displayName])).toEqual([
      ['ana', 'Ana Agent'],
      ['ben', 'Ben Agent'],
    ]);
  });

  it('keeps the agent a number rings when the member list lacks them, so the current choice still shows', () => {
    const agents = assignableAgents(
      [member('ana', 'Ana Agent', 'agent')],
      [number('+13125550101', 'zoe', 'Zoe Agent'), number('+13125550102', null)],
    );
    expect(agents.map((agent) => agent.displayName)).toEqual(['Ana Agent', 'Zoe Agent']);
  });
});
