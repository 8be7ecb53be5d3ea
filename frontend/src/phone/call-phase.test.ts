import { describe, expect, it } from 'vitest';
import { describeHangup, phaseOf } from './call-phase';

describe('what the agent sees of a call', () => {
  it('shows an outbound call as dialling until it is answered', () => {
    expect(['new', 'requesting', 'trying', 'early'].map((s) => phaseOf(s, 'outbound'))).toEqual([
      'dialing',
      'dialing',
      'dialing',
      'dialing',
    ]);
    expect(phaseOf('active', 'outbound')).toBe('active');
  });

  it('shows an inbound call as ringing, then connecting while it is answered', () => {
    expect(phaseOf('ringing', 'inbound')).toBe('ringing');
    expect(phaseOf('answering', 'inbound')).toBe('connecting');
  });

  it('knows held and ended calls', () => {
    expect(phaseOf('held', 'inbound')).toBe('held');
    expect(['hangup', 'destroy', 'purge'].map((s) => phaseOf(s, 'outbound'))).toEqual(['ended', 'ended', 'ended']);
  });
});

describe('why a call ended', () => {
  it('says nothing after an ordinary hang-up of an answered call', () => {
    expect(describeHangup('NORMAL_CLEARING', 'outbound', true)).toBeNull();
  });

  it('explains calls that never connected', () => {
    expect(describeHangup('USER_BUSY', 'outbound', false)).toBe('Busy');
    expect(describeHangup('NORMAL_CLEARING', 'outbound', false)).toBe('No answer');
    expect(describeHangup('RECOVERY_ON_TIMER_EXPIRE', 'outbound', false)).toBe('Recovery on timer expire');
  });
});
