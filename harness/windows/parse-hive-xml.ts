import { XMLParser } from 'fast-xml-parser';
import type { RegData, RegKey, RegValue } from './registry-types.js';

interface XmlValue {
  '@_type'?: string;
  '@_key'?: string;
  '@_default'?: string;
  '@_encoding'?: string;
  '@_value'?: string;
  '@_oversize'?: string;
  '#text'?: string;
  string?: (string | { '#text'?: string })[];
}

interface XmlNode {
  '@_name'?: string;
  node?: XmlNode[];
  value?: XmlValue[];
}

const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', parseTagValue: false, parseAttributeValue: false,
  trimValues: false, processEntities: true, htmlEntities: true, isArray: (name) => name === 'node' || name === 'value' || name === 'string',
});

/**
 * Parses hivexml's XML (whole, or pruned by HiveXmlPruner) into typed keys and values:
 * REG_SZ/EXPAND_SZ/LINK as strings (hivex decodes UTF-16LE), DWORD as an unsigned number,
 * QWORD as a bigint, MULTI_SZ as a string list, everything else as bytes (base64 in the XML).
 * hivexml 1.3 puts the data in a `value` attribute, later versions in the element's text: both read.
 */
export function parseHiveXml(xml: string): RegKey {
  const document = parser.parse(xml) as { hive?: { node?: XmlNode[] } };
  const root = document.hive?.node?.[0];
  if (!root) throw new Error('hivexml wrote no root key');
  return toKey(root, '');
}

function toKey(node: XmlNode, path: string): RegKey {
  const name = node['@_name'] ?? '';
  const key: RegKey = { name, path, values: new Map(), subkeys: new Map() };
  for (const value of node.value ?? []) {
    const parsed = toValue(value);
    key.values.set(parsed.name.toLowerCase(), parsed);
  }
  for (const child of node.node ?? []) {
    const childName = child['@_name'] ?? '';
    key.subkeys.set(childName.toLowerCase(), toKey(child, path === '' ? childName : `${path}\\${childName}`));
  }
  return key;
}

function toValue(value: XmlValue): RegValue {
  const name = value['@_default'] === '1' ? '' : (value['@_key'] ?? '');
  const hivexType = value['@_type'] ?? 'unknown';
  return { name, hivexType, ...decodeData(value, hivexType) } as RegValue;
}

function decodeData(value: XmlValue, hivexType: string): RegData {
  if (value['@_oversize'] !== undefined) return { type: 'oversize', value: undefined, chars: Number(value['@_oversize']) };
  const text = value['@_value'] ?? value['#text'] ?? '';
  if (value['@_encoding'] === 'base64') {
    const bytes = Buffer.from(text, 'base64');
    return { type: hivexType === 'binary' ? 'binary' : hivexType === 'none' ? 'none' : 'other', value: bytes };
  }
  switch (hivexType) {
    case 'string': return { type: 'string', value: text };
    case 'expand': return { type: 'expand', value: text };
    case 'link': return { type: 'link', value: text };
    // hivexml prints DWORDs signed (%PRIi32) and QWORDs signed (%PRIi64).
    case 'int32': return { type: 'dword', value: Number(text) >>> 0 };
    case 'int64': return { type: 'qword', value: BigInt.asUintN(64, BigInt(text || '0')) };
    case 'string-list': {
      const strings = (value.string ?? []).map((entry) => (typeof entry === 'string' ? entry : (entry['#text'] ?? '')));
      // MULTI_SZ ends in an empty string (its double NUL); hivex lists it.
      while (strings.at(-1) === '') strings.pop();
      return { type: 'multi', value: strings };
    }
    default: return { type: 'other', value: Buffer.from(text, 'utf8') };
  }
}
