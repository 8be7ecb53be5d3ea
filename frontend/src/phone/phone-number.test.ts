import { describe, expect, it } from 'vitest';
import { formatAsYouType, formatForDisplay, keepDialable, toE164 } from './phone-number';

describe('formatting a number as it is typed', () => {
  it('formats a US number in the national style', () => {
    expect(formatAsYouType('312555')).toBe('(312) 555');
    expect(formatAsYouType('3125550199')).toBe('(312) 555-0199');
  });

  it('formats an international number after a plus', () => {
    expect(formatAsYouType('+442071838750')).toBe('+44 20 7183 8750');
  });

  it('drops letters and punctuation but keeps the DTMF keys', () => {
    expect(keepDialable(' (312) 555-01x99 ')).toBe('3125550199');
    expect(formatAsYouType('*72#')).toBe('*72#');
  });
});

describe('turning what was typed into an E.164 number', () => {
  it('accepts a national US number', () => {
    expect(toE164('(312) 555-0199')).toEqual({ ok: true, e164: '+13125550199' });
  });

  it('accepts an international number', () => {
    expect(toE164('+44 20 7183 8750')).toEqual({ ok: true, e164: '+442071838750' });
  });

  it('refuses nothing, too few digits, and service codes with a reason', () => {
    expect(toE164('')).toEqual({ ok: false, reason: 'Type a phone number.' });
    expect(toE164('31255')).toEqual({ ok: false, reason: 'That number is too short or too long.' });
    expect(toE164('*72')).toEqual({ ok: false, reason: 'A phone number has no * or #.' });
  });

  it('refuses a number no operator could route', () => {
    expect(toE164('1115550199')).toMatchObject({ ok: false });
  });
});

describe('showing a stored number', () => {
  it('shows home numbers nationally and foreign ones internationally', () => {
    expect(formatForDisplay('+13125550199')).toBe('(312) 555-0199');
    expect(formatForDisplay('+442071838750')).toBe('+44 20 7183 8750');
    expect(formatForDisplay(null)).toBe('Unknown number');
    expect(formatForDisplay('anonymous')).toBe('anonymous');
  });
});
