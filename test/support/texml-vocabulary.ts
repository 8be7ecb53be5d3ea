import { XMLParser } from 'fast-xml-parser';
import { parseTexml } from '@curbe-voice/telnyx-sim/texml/parse-texml';

/**
 * The TeXML verbs, nouns and attributes Telnyx documents (the subset a call-routing answer may use),
 * to check that what we return holds nothing Telnyx would ignore or refuse. Structure and values
 * are checked by the simulator's parser; names of elements and attributes and nesting here.
 */
const VOCABULARY: Record<string, { attributes: string[]; children: string[] | 'text' | 'none' }> = {
  Response: {
    attributes: [],
    children: ['Say', 'Play', 'Pause', 'Dial', 'Record', 'Gather', 'Hangup', 'Reject', 'Redirect'],
  },
  Say: { attributes: ['voice', 'language', 'loop'], children: 'text' },
  Play: { attributes: ['loop', 'digits'], children: 'text' },
  Pause: { attributes: ['length'], children: 'none' },
  Hangup: { attributes: [], children: 'none' },
  Reject: { attributes: ['reason'], children: 'none' },
  Redirect: { attributes: ['method'], children: 'text' },
  Dial: {
    attributes: [
      'action',
      'method',
      'timeout',
      'callerId',
      'timeLimit',
      'hangupOnStar',
      'ringTone',
      'answerOnBridge',
      'record',
      'recordingStatusCallback',
      'recordingStatusCallbackMethod',
      'recordingStatusCallbackEvent',
      'recordMaxLength',
      'trim',
    ],
    children: ['Number', 'Sip'],
  },
  Number: {
    attributes: ['statusCallback', 'statusCallbackEvent', 'statusCallbackMethod', 'sendDigits', 'url', 'method'],
    children: 'text',
  },
  Sip: {
    attributes: [
      'username',
      'password',
      'statusCallback',
      'statusCallbackEvent',
      'statusCallbackMethod',
      'url',
      'method',
    ],
    children: 'text',
  },
  Record: {
    attributes: [
      'action',
      'method',
      'timeout',
      'finishOnKey',
      'maxLength',
      'playBeep',
      'trim',
      'recordingStatusCallback',
      'recordingStatusCallbackMethod',
      'recordingStatusCallbackEvent',
      'transcribe',
      'transcribeCallback',
    ],
    children: 'none',
  },
  Gather: {
    attributes: ['action', 'method', 'timeout', 'finishOnKey', 'numDigits', 'input'],
    children: ['Say', 'Play', 'Pause'],
  },
};

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  trimValues: true,
});

type XmlNode = Record<string, unknown>;

/** Throws with what is wrong when `xml` is not TeXML Telnyx documents. */
export function assertDocumentedTexml(xml: string): void {
  const parsed = parseTexml(xml);
  if (!parsed.ok) throw new Error(`Not valid TeXML: ${parsed.error.message}`);
  const roots = (parser.parse(xml) as XmlNode[]).filter((node) => !nameOf(node).startsWith('?'));
  if (roots.length !== 1 || nameOf(roots[0]!) !== 'Response')
    throw new Error('TeXML needs exactly one <Response> root');
  check(roots[0]!, 'Response');
}

function check(node: XmlNode, path: string): void {
  const name = nameOf(node);
  const rule = VOCABULARY[name];
  if (!rule) throw new Error(`<${name}> (${path}) is not a documented TeXML element`);
  for (const attribute of Object.keys((node[':@'] as Record<string, string> | undefined) ?? {})) {
    if (!rule.attributes.includes(attribute))
      throw new Error(`<${name} ${attribute}> (${path}) is not a documented attribute`);
  }
  const children = (node[name] as XmlNode[] | undefined) ?? [];
  for (const child of children) {
    const childName = nameOf(child);
    if (childName === '#text') {
      if (rule.children !== 'text') throw new Error(`<${name}> (${path}) takes no text`);
      continue;
    }
    if (!Array.isArray(rule.children) || !rule.children.includes(childName))
      throw new Error(`<${childName}> cannot be inside <${name}> (${path})`);
    check(child, `${path}/${childName}`);
  }
}

function nameOf(node: XmlNode): string {
  return Object.keys(node).find((key) => key !== ':@') ?? '';
}
