import { describe, expect, it } from 'vitest';
import { decideOutboundRoute, parseCallerIdentity } from './outbound-route';

const agent = { userId: 'u1', accountId: 'a1' };
const facts = { agent, agentNumber: '+13125550101', allowedCountries: ['US', 'CA'] };

describe('outbound routing', () => {
  it('reads the caller from a SIP URI, a bare username or an E.164 number', () => {
    expect(parseCallerIdentity('sip:gencredAbC@sip.telnyx.com')).toEqual({
      kind: 'sip_username',
      username: 'gencredAbC',
    });
    expect(parseCallerIdentity('gencredAbC')).toEqual({ kind: 'sip_username', username: 'gencredAbC' });
    expect(parseCallerIdentity('+13125550101')).toEqual({ kind: 'number', e164: '+13125550101' });
    expect(parseCallerIdentity('<script>')).toBeNull();
  });

  it('dials valid US and Canadian numbers, national ones read in the agent’s country', () => {
    expect(decideOutboundRoute({ ...facts, to: '+14165550123' })).toEqual({
      kind: 'dial',
      destination: '+14165550123',
      country: 'CA',
      callerId: '+13125550101',
    });
    expect(decideOutboundRoute({ ...facts, to: 'sip:(312) 555-0177@sip.telnyx.com' })).toMatchObject({
      kind: 'dial',
      destination: '+13125550177',
    });
  });

  it('refuses with the reason: other countries, invalid numbers, no number, no profile, unknown agent', () => {
    expect(decideOutboundRoute({ ...facts, to: '+442079460958' })).toMatchObject({
      kind: 'refuse',
      reason: 'destination_not_allowed',
      country: 'GB',
    });
    expect(decideOutboundRoute({ ...facts, to: '+1555' })).toMatchObject({ reason: 'invalid_destination' });
    expect(decideOutboundRoute({ ...facts, to: 'sales' })).toMatchObject({ reason: 'invalid_destination' });
    expect(decideOutboundRoute({ ...facts, agentNumber: null, to: '+14165550123' })).toMatchObject({
      reason: 'agent_without_number',
    });
    expect(decideOutboundRoute({ ...facts, allowedCountries: null, to: '+14165550123' })).toMatchObject({
      reason: 'calling_not_set_up',
    });
    expect(decideOutboundRoute({ ...facts, agent: null, to: '+14165550123' })).toMatchObject({
      reason: 'unknown_agent',
    });
  });
});
