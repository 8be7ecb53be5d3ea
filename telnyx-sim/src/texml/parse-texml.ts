import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type {
  DialRecordMode,
  DialTarget,
  DialVerb,
  GatherVerb,
  PauseVerb,
  PlayVerb,
  RecordVerb,
  SayVerb,
  TexmlParseResult,
  TexmlVerb,
} from './texml-document';
import {
  boolAttr,
  checkedUrl,
  enumAttr,
  intAttr,
  methodAttr,
  optionalAttr,
  TexmlSchemaError,
  urlAttr,
  type Attributes,
} from './texml-attributes';

/**
 * Parses and validates a TeXML response body. Anything Telnyx would refuse to execute — not XML,
 * a root other than `<Response>`, an unknown verb or noun (including `<Client>`, which Telnyx does
 * not support), a bad attribute value — comes back as an error instead of a document.
 */
export function parseTexml(xml: string): TexmlParseResult {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) {
    const { msg, line } = wellFormed.err;
    return { ok: false, error: { kind: 'parse', message: `Not well-formed XML (line ${line}): ${msg}` } };
  }
  try {
    const roots = parser.parse(xml) as XmlNode[];
    const elements = roots.filter((n) => !nameOf(n).startsWith('?'));
    const root = elements[0];
    if (elements.length !== 1 || !root || nameOf(root) !== 'Response') {
      throw new TexmlSchemaError(`The root element must be <Response>, found <${root ? nameOf(root) : 'nothing'}>`);
    }
    const verbs = childElements(root, 'Response').map(parseVerb);
    return { ok: true, document: { verbs } };
  } catch (error) {
    if (error instanceof TexmlSchemaError) return { ok: false, error: { kind: 'schema', message: error.message } };
    throw error;
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
});

/** fast-xml-parser's ordered form: `{ Name: children, ':@': attributes }` or `{ '#text': text }`. */
type XmlNode = Record<string, unknown>;

const DIAL_RECORD_MODES: readonly DialRecordMode[] = [
  'do-not-record',
  'record-from-answer',
  'record-from-ringing',
  'record-from-answer-dual',
  'record-from-ringing-dual',
];

function parseVerb(node: XmlNode): TexmlVerb {
  const name = nameOf(node);
  const attrs = attributesOf(node);
  switch (name) {
    case 'Say':
      return parseSay(node, attrs);
    case 'Play':
      return parsePlay(node, attrs);
    case 'Pause':
      noChildren(node, name);
      return parsePause(attrs);
    case 'Dial':
      return parseDial(node, attrs);
    case 'Record':
      noChildren(node, name);
      return parseRecord(attrs);
    case 'Gather':
      return parseGather(node, attrs);
    case 'Hangup':
      noChildren(node, name);
      return { verb: 'Hangup' };
    case 'Reject':
      noChildren(node, name);
      return { verb: 'Reject', reason: enumAttr(attrs, 'Reject', 'reason', ['rejected', 'busy'] as const, 'rejected') };
    case 'Redirect':
      return { verb: 'Redirect', url: requiredUrlText(node, name), method: methodAttr(attrs, name, 'method') };
    case '#text':
      throw new TexmlSchemaError(`Unexpected text inside <Response>: "${String(node['#text']).slice(0, 40)}"`);
    default:
      throw new TexmlSchemaError(`<${name}> is not a supported TeXML verb`);
  }
}

function parseSay(node: XmlNode, attrs: Attributes): SayVerb {
  onlyText(node, 'Say');
  return {
    verb: 'Say',
    text: textOf(node, 'Say'),
    voice: optionalAttr(attrs, 'voice'),
    language: optionalAttr(attrs, 'language'),
    loop: intAttr(attrs, 'Say', 'loop', { min: 0, max: 1000, fallback: 1 }),
  };
}

function parsePlay(node: XmlNode, attrs: Attributes): PlayVerb {
  return {
    verb: 'Play',
    url: requiredUrlText(node, 'Play'),
    loop: intAttr(attrs, 'Play', 'loop', { min: 0, max: 1000, fallback: 1 }),
  };
}

function parsePause(attrs: Attributes): PauseVerb {
  return { verb: 'Pause', lengthSec: intAttr(attrs, 'Pause', 'length', { min: 1, max: 600, fallback: 1 }) };
}

function parseDial(node: XmlNode, attrs: Attributes): DialVerb {
  const targets: DialTarget[] = [];
  for (const child of childElements(node, 'Dial')) {
    const noun = nameOf(child);
    if (noun === '#text') {
      targets.push({ noun: 'Number', number: phoneNumber(String(child['#text'])) });
    } else if (noun === 'Number') {
      targets.push({ noun: 'Number', number: phoneNumber(textOf(child, 'Number')) });
    } else if (noun === 'Sip') {
      const uri = textOf(child, 'Sip');
      if (!/^sips?:[^@\s]+@[^@\s]+$/i.test(uri))
        throw new TexmlSchemaError(`<Sip> needs a SIP URI like sip:user@host, got "${uri}"`);
      targets.push({ noun: 'Sip', uri });
    } else if (noun === 'Client') {
      throw new TexmlSchemaError(
        '<Client> is not supported by TeXML; dial a WebRTC user as <Sip>sip:{sip_username}@sip.telnyx.com</Sip>',
      );
    } else {
      throw new TexmlSchemaError(`<${noun}> is not a supported noun of <Dial>`);
    }
  }
  if (targets.length === 0) throw new TexmlSchemaError('<Dial> needs a <Number>, a <Sip> or a number as text');
  return {
    verb: 'Dial',
    targets,
    action: urlAttr(attrs, 'Dial', 'action'),
    method: methodAttr(attrs, 'Dial', 'method'),
    timeoutSec: intAttr(attrs, 'Dial', 'timeout', { min: 1, max: 600, fallback: 30 }),
    callerId: optionalAttr(attrs, 'callerId'),
    timeLimitSec: intAttr(attrs, 'Dial', 'timeLimit', { min: 1, max: 14400, fallback: 14400 }),
    record: enumAttr(attrs, 'Dial', 'record', DIAL_RECORD_MODES, 'do-not-record'),
    recordingStatusCallback: urlAttr(attrs, 'Dial', 'recordingStatusCallback'),
    recordingStatusCallbackMethod: methodAttr(attrs, 'Dial', 'recordingStatusCallbackMethod'),
  };
}

function parseRecord(attrs: Attributes): RecordVerb {
  const finishOnKey = attrs['finishOnKey'] ?? '1234567890*#';
  if (!/^[0-9*#]*$/.test(finishOnKey))
    throw new TexmlSchemaError(`<Record finishOnKey> accepts only 0-9, * and #, got "${finishOnKey}"`);
  return {
    verb: 'Record',
    action: urlAttr(attrs, 'Record', 'action'),
    method: methodAttr(attrs, 'Record', 'method'),
    maxLengthSec: intAttr(attrs, 'Record', 'maxLength', { min: 1, max: 14400, fallback: 3600 }),
    timeoutSec: intAttr(attrs, 'Record', 'timeout', { min: 0, max: 600, fallback: 5 }),
    playBeep: boolAttr(attrs, 'Record', 'playBeep', true),
    finishOnKey,
    recordingStatusCallback: urlAttr(attrs, 'Record', 'recordingStatusCallback'),
    recordingStatusCallbackMethod: methodAttr(attrs, 'Record', 'recordingStatusCallbackMethod'),
  };
}

function parseGather(node: XmlNode, attrs: Attributes): GatherVerb {
  const prompts = childElements(node, 'Gather').map((child) => {
    const name = nameOf(child);
    const childAttrs = attributesOf(child);
    if (name === 'Say') return parseSay(child, childAttrs);
    if (name === 'Play') return parsePlay(child, childAttrs);
    if (name === 'Pause') return parsePause(childAttrs);
    throw new TexmlSchemaError(`<${name}> cannot be nested in <Gather>`);
  });
  return {
    verb: 'Gather',
    action: urlAttr(attrs, 'Gather', 'action'),
    method: methodAttr(attrs, 'Gather', 'method'),
    timeoutSec: intAttr(attrs, 'Gather', 'timeout', { min: 1, max: 600, fallback: 5 }),
    prompts,
  };
}

// ---- node helpers ----

function nameOf(node: XmlNode): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}

function attributesOf(node: XmlNode): Attributes {
  return (node[':@'] as Attributes | undefined) ?? {};
}

function childElements(node: XmlNode, name: string): XmlNode[] {
  return (node[name] as XmlNode[] | undefined) ?? [];
}

function textOf(node: XmlNode, name: string): string {
  return childElements(node, name)
    .filter((c) => nameOf(c) === '#text')
    .map((c) => String(c['#text']))
    .join(' ')
    .trim();
}

function onlyText(node: XmlNode, name: string): void {
  const element = childElements(node, name).find((c) => nameOf(c) !== '#text');
  if (element) throw new TexmlSchemaError(`<${nameOf(element)}> cannot be nested in <${name}>`);
}

function noChildren(node: XmlNode, name: string): void {
  if (childElements(node, name).length > 0) throw new TexmlSchemaError(`<${name}> takes no content`);
}

function requiredUrlText(node: XmlNode, name: string): string {
  onlyText(node, name);
  const url = textOf(node, name);
  if (!url) throw new TexmlSchemaError(`<${name}> needs a URL as its content`);
  return checkedUrl(url, `<${name}>`);
}

function phoneNumber(text: string): string {
  const number = text.trim();
  if (!/^\+?[0-9]{3,15}$/.test(number))
    throw new TexmlSchemaError(`"${number}" is not a phone number (use E.164, e.g. +15551234567)`);
  return number;
}
