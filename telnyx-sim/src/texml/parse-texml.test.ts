import { describe, expect, it } from 'vitest';
import { parseTexml } from './parse-texml';
import type { TexmlParseResult } from './texml-document';

function verbsOf(result: TexmlParseResult) {
  if (!result.ok) throw new Error(`expected a document, got: ${result.error.message}`);
  return result.document.verbs;
}

function errorOf(result: TexmlParseResult) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('parseTexml', () => {
  it('keeps verb order and converts attributes', () => {
    const verbs = verbsOf(
      parseTexml(`<?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="alice" language="en-US" loop="2">Hello &amp; welcome</Say>
          <Pause length="3"/>
          <Play>https://cdn.example.com/hold.wav</Play>
          <Dial timeout="20" callerId="+15550001111" action="/dial-done" method="GET" timeLimit="600"
                record="record-from-answer-dual" recordingStatusCallback="https://x.example/rec">
            <Number>+15551234567</Number>
            <Sip>sip:agent1@sip.telnyx.com</Sip>
          </Dial>
          <Record maxLength="60" timeout="3" playBeep="false" finishOnKey="#" action="/vm"/>
          <Redirect method="get">https://x.example/next</Redirect>
          <Reject reason="busy"/>
          <Hangup/>
        </Response>`),
    );
    expect(verbs.map((v) => v.verb)).toEqual([
      'Say',
      'Pause',
      'Play',
      'Dial',
      'Record',
      'Redirect',
      'Reject',
      'Hangup',
    ]);
    expect(verbs[0]).toEqual({ verb: 'Say', text: 'Hello & welcome', voice: 'alice', language: 'en-US', loop: 2 });
    expect(verbs[1]).toEqual({ verb: 'Pause', lengthSec: 3 });
    expect(verbs[3]).toMatchObject({
      verb: 'Dial',
      targets: [
        { noun: 'Number', number: '+15551234567' },
        { noun: 'Sip', uri: 'sip:agent1@sip.telnyx.com' },
      ],
      timeoutSec: 20,
      callerId: '+15550001111',
      action: '/dial-done',
      method: 'GET',
      timeLimitSec: 600,
      record: 'record-from-answer-dual',
      recordingStatusCallback: 'https://x.example/rec',
    });
    expect(verbs[4]).toMatchObject({
      verb: 'Record',
      maxLengthSec: 60,
      timeoutSec: 3,
      playBeep: false,
      finishOnKey: '#',
      action: '/vm',
    });
    expect(verbs[5]).toEqual({ verb: 'Redirect', url: 'https://x.example/next', method: 'GET' });
    expect(verbs[6]).toEqual({ verb: 'Reject', reason: 'busy' });
  });

  it('applies Telnyx defaults', () => {
    const [dial, record, reject] = verbsOf(
      parseTexml('<Response><Dial>+15551234567</Dial><Record/><Reject/></Response>'),
    );
    expect(dial).toMatchObject({ timeoutSec: 30, method: 'POST', record: 'do-not-record', timeLimitSec: 14400 });
    expect(record).toMatchObject({ maxLengthSec: 3600, timeoutSec: 5, playBeep: true, method: 'POST' });
    expect(reject).toEqual({ verb: 'Reject', reason: 'rejected' });
  });

  it('accepts an empty Response and Gather with prompts', () => {
    expect(verbsOf(parseTexml('<Response/>'))).toEqual([]);
    const [gather] = verbsOf(parseTexml('<Response><Gather timeout="2"><Say>Press 1</Say></Gather></Response>'));
    expect(gather).toMatchObject({ verb: 'Gather', timeoutSec: 2, prompts: [{ verb: 'Say', text: 'Press 1' }] });
  });

  it.each([
    ['not XML at all', 'this is not xml', 'parse', /well-formed/],
    ['unclosed tags', '<Response><Say>hi</Response>', 'parse', /well-formed/],
    ['a wrong root', '<Document><Say>hi</Say></Document>', 'schema', /root element must be <Response>/],
    ['an unknown verb', '<Response><Dance/></Response>', 'schema', /<Dance> is not a supported TeXML verb/],
    [
      'the Client noun',
      '<Response><Dial><Client>alice</Client></Dial></Response>',
      'schema',
      /<Client> is not supported/,
    ],
    [
      'a bad record mode',
      '<Response><Dial record="always"><Number>+15551234567</Number></Dial></Response>',
      'schema',
      /record="always"/,
    ],
    [
      'a non-numeric timeout',
      '<Response><Dial timeout="soon">+15551234567</Dial></Response>',
      'schema',
      /timeout="soon"/,
    ],
    ['a Dial without target', '<Response><Dial/></Response>', 'schema', /needs a <Number>/],
    ['a Sip noun without a SIP URI', '<Response><Dial><Sip>agent1</Sip></Dial></Response>', 'schema', /SIP URI/],
    ['a bad number', '<Response><Dial><Number>call mom</Number></Dial></Response>', 'schema', /not a phone number/],
    ['a bad method', '<Response><Redirect method="PUT">/x</Redirect></Response>', 'schema', /GET or POST/],
    ['a Redirect without URL', '<Response><Redirect/></Response>', 'schema', /needs a URL/],
    ['a bad playBeep', '<Response><Record playBeep="yes"/></Response>', 'schema', /true or false/],
    ['a bad Reject reason', '<Response><Reject reason="later"/></Response>', 'schema', /rejected, busy/],
    ['a negative Pause', '<Response><Pause length="-1"/></Response>', 'schema', /length="-1"/],
    ['stray text', '<Response>hello</Response>', 'schema', /Unexpected text/],
    ['an ftp Play URL', '<Response><Play>ftp://x/y.wav</Play></Response>', 'schema', /http\(s\)/],
  ])('rejects %s', (_label, xml, kind, message) => {
    const error = errorOf(parseTexml(xml));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });
});
