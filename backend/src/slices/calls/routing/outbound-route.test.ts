import { describe, expect, it } from 'vitest';
import { callingSipUsername, decideOutboundRoute, isNanpPremiumRate } from './outbound-route';

const agent = { userId: 'u1', accountId: 'a1' };
const facts = { agent, agentNumber: '+13125550101', allowedCountries: ['US', 'CA'] };

describe('outbound routing', () => {
  it('knows the caller only by the SIP username of its credential, never by a number it presents', () => {
    expect(callingSipUsername('sip:gencredAbC@sip.telnyx.com')).toBe('gencredAbC');
    expect(callingSipUsername('gencredAbC')).toBe('gencredAbC');
    expect(callingSipUsername('+13125550101')).toBeNull();
    expect(callingSipUsername('sip:+13125550101@sip.telnyx.com')).toBeNull();
    expect(callingSipUsername('sip:%E0%A4%A@sip.telnyx.com')).toBeNull();
    expect(callingSipUsername('<script>')).toBeNull();
  });

  it('dials valid numbers of the allowed countries, national ones read in the agent’s country', () => {
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

  it('refuses NANP premium-rate numbers: 900 area code and 976 exchanges', () => {
    expect(isNanpPremiumRate('+19005550123')).toBe(true);
    expect(isNanpPremiumRate('+12129760123')).toBe(true);
    expect(isNanpPremiumRate('+13125550123')).toBe(false);
    expect(isNanpPremiumRate('+442079460958')).toBe(false);
    expect(decideOutboundRoute({ ...facts, to: '+19005550123' })).toMatchObject({
      kind: 'refuse',
      reason: 'premium_rate_destination',
      country: 'US',
    });
    expect(decideOutboundRoute({ ...facts, to: '(212) 976-0123' })).toMatchObject({
      reason: 'premium_rate_destination',
      destination: '2129760123',
    });
  });

  it('refuses with the reason: other countries, invalid numbers, no number, no profile, unknown agent', () => {
    expect(decideOutboundRoute({ ...facts, to: '+442079460958' })).toMatchObject({
      kind: 'refuse',
      reason: 'destination_not_allowed',
      country: 'GB',
    });
    expect(decideOutboundRoute({ ...facts, allowedCountries: ['US'], to: '+14165550123' })).toMatchObject({
      reason: 'destination_not_allowed',
      country: 'CA',
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
