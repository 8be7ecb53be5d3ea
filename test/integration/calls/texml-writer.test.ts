import { describe, expect, it } from 'vitest';
import { parseTexml } from '@curbe-voice/telnyx-sim/texml/parse-texml';
import { el, escapeXml, texmlResponse } from '@curbe-voice/backend/testing';

describe('TeXML writer', () => {
  it('escapes text and attributes so that names and numbers cannot add markup', () => {
    const hostile = 'Ann</Say><Dial><Number>+19005550000</Number></Dial><Say a="&';
    const xml = texmlResponse(el('Say', { voice: 'x" injected="1' }, `You reached ${hostile}`), el('Hangup'));
    const parsed = parseTexml(xml);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.document.verbs.map((verb) => verb.verb)).toEqual(['Say', 'Hangup']);
    expect(parsed.document.verbs[0]).toMatchObject({ text: `You reached ${hostile}`, voice: 'x" injected="1' });
  });

  it('drops characters XML cannot carry and refuses names that are not element names', () => {
    expect(escapeXml('a\u0000b\u0007c & d')).toBe('abc &amp; d');
    expect(() => texmlResponse(el('Say onload', {}, 'x'))).toThrow();
    expect(() => texmlResponse(el('Say', { 'a b': 1 }))).toThrow();
  });
});
