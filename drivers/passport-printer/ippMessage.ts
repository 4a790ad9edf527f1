/**
 * IPP/1.1 messages in their binary encoding (RFC 8010 §3): version, operation-id or status-code,
 * request-id, attribute groups, end-of-attributes, then the document. Every value type decodes,
 * collections included, so any printer's answer can be read; values the client never sends
 * (dateTime, resolution) encode too, so a message survives a round trip byte for byte.
 */

/** Delimiter tags that open an attribute group. */
export const groupTag = {
  operation: 0x01,
  job: 0x02,
  printer: 0x04,
  unsupported: 0x05,
} as const;
const endOfAttributes = 0x03;

export const valueTag = {
  // Out-of-band values: an attribute that is there without a value.
  unsupported: 0x10,
  unknown: 0x12,
  noValue: 0x13,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  octetString: 0x30,
  dateTime: 0x31,
  resolution: 0x32,
  rangeOfInteger: 0x33,
  begCollection: 0x34,
  textWithLanguage: 0x35,
  nameWithLanguage: 0x36,
  endCollection: 0x37,
  text: 0x41,
  name: 0x42,
  keyword: 0x44,
  uri: 0x45,
  uriScheme: 0x46,
  charset: 0x47,
  naturalLanguage: 0x48,
  mimeMediaType: 0x49,
  memberAttrName: 0x4a,
} as const;

export interface IppDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minutes: number;
  seconds: number;
  deciSeconds: number;
  utcDirection: '+' | '-';
  utcHours: number;
  utcMinutes: number;
}

export type IppValue =
  | { tag: 0x10 | 0x12 | 0x13 }
  | { tag: 0x21 | 0x23; value: number }
  | { tag: 0x22; value: boolean }
  | { tag: 0x31; value: IppDateTime }
  | { tag: 0x32; value: { x: number; y: number; units: number } }
  | { tag: 0x33; value: { lower: number; upper: number } }
  | { tag: 0x34; value: IppAttribute[] }
  | { tag: 0x35 | 0x36; value: { language: string; text: string } }
  /** Strings (text, name, keyword, uri, charset, …) and any tag this file does not know, as bytes. */
  | { tag: number; value: string | Buffer };

export interface IppAttribute {
  name: string;
  values: IppValue[];
}

export interface IppGroup {
  tag: number;
  attributes: IppAttribute[];
}

export interface IppMessage {
  version?: [major: number, minor: number];
  /** operation-id in a request, status-code in a response. */
  code: number;
  requestId: number;
  groups: IppGroup[];
  /** The document after the attributes (a Print-Job's PDF). */
  data?: Buffer;
}

export class IppDecodeError extends Error {}

/** Tags whose values are UTF-8 (or US-ASCII) strings. */
const stringTags = new Set<number>([0x41, 0x42, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a]);
const outOfBand = new Set<number>([0x10, 0x12, 0x13]);

/** Attribute builders, so a request reads like the RFC's tables. */
export const ipp = {
  keyword: (name: string, ...values: string[]) => strings(name, valueTag.keyword, values),
  name: (name: string, ...values: string[]) => strings(name, valueTag.name, values),
  text: (name: string, ...values: string[]) => strings(name, valueTag.text, values),
  uri: (name: string, ...values: string[]) => strings(name, valueTag.uri, values),
  charset: (name: string, value = 'utf-8') => strings(name, valueTag.charset, [value]),
  language: (name: string, value = 'en') => strings(name, valueTag.naturalLanguage, [value]),
  mimeMediaType: (name: string, value: string) => strings(name, valueTag.mimeMediaType, [value]),
  integer: (name: string, ...values: number[]): IppAttribute => ({
    name,
    values: values.map((value) => ({ tag: valueTag.integer, value })),
  }),
  enum: (name: string, ...values: number[]): IppAttribute => ({
    name,
    values: values.map((value) => ({ tag: valueTag.enum, value })),
  }),
  boolean: (name: string, value: boolean): IppAttribute => ({
    name,
    values: [{ tag: valueTag.boolean, value }],
  }),
};

function strings(name: string, tag: number, values: string[]): IppAttribute {
  return { name, values: values.map((value) => ({ tag, value })) };
}

export function encodeIpp(message: IppMessage): Buffer {
  const out: Buffer[] = [];
  const head = Buffer.alloc(8);
  const [major, minor] = message.version ?? [1, 1];
  head.writeUInt8(major, 0);
  head.writeUInt8(minor, 1);
  head.writeUInt16BE(message.code, 2);
  head.writeUInt32BE(message.requestId, 4);
  out.push(head);
  for (const group of message.groups) {
    out.push(Buffer.of(group.tag));
    for (const attribute of group.attributes) encodeAttribute(out, attribute.name, attribute.values);
  }
  out.push(Buffer.of(endOfAttributes));
  if (message.data) out.push(message.data);
  return Buffer.concat(out);
}

function encodeAttribute(out: Buffer[], name: string, values: IppValue[]): void {
  if (values.length === 0) throw new RangeError(`IPP attribute ${name} has no value`);
  values.forEach((value, index) => {
    const valueName = index === 0 ? name : '';
    if (value.tag === valueTag.begCollection) {
      out.push(field(value.tag, valueName, Buffer.alloc(0)));
      for (const member of value.value as IppAttribute[]) {
        out.push(field(valueTag.memberAttrName, '', Buffer.from(member.name, 'utf8')));
        encodeAttribute(out, '', member.values);
      }
      out.push(field(valueTag.endCollection, '', Buffer.alloc(0)));
    } else {
      out.push(field(value.tag, valueName, encodeValue(value)));
    }
  });
}

function field(tag: number, name: string, value: Buffer): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const head = Buffer.alloc(3);
  head.writeUInt8(tag, 0);
  head.writeUInt16BE(nameBytes.length, 1);
  const length = Buffer.alloc(2);
  if (value.length > 0xffff) throw new RangeError(`IPP value longer than 65535 bytes`);
  length.writeUInt16BE(value.length, 0);
  return Buffer.concat([head, nameBytes, length, value]);
}

function encodeValue(value: IppValue): Buffer {
  if (outOfBand.has(value.tag)) return Buffer.alloc(0);
  const v = (value as { value: unknown }).value;
  switch (value.tag) {
    case valueTag.integer:
    case valueTag.enum: {
      const b = Buffer.alloc(4);
      b.writeInt32BE(v as number, 0);
      return b;
    }
    case valueTag.boolean:
      return Buffer.of(v ? 1 : 0);
    case valueTag.rangeOfInteger: {
      const { lower, upper } = v as { lower: number; upper: number };
      const b = Buffer.alloc(8);
      b.writeInt32BE(lower, 0);
      b.writeInt32BE(upper, 4);
      return b;
    }
    case valueTag.resolution: {
      const { x, y, units } = v as { x: number; y: number; units: number };
      const b = Buffer.alloc(9);
      b.writeInt32BE(x, 0);
      b.writeInt32BE(y, 4);
      b.writeInt8(units, 8);
      return b;
    }
    case valueTag.dateTime: {
      const d = v as IppDateTime;
      const b = Buffer.alloc(11);
      b.writeUInt16BE(d.year, 0);
      [d.month, d.day, d.hour, d.minutes, d.seconds, d.deciSeconds].forEach((n, i) => b.writeUInt8(n, 2 + i));
      b.write(d.utcDirection, 8, 'latin1');
      b.writeUInt8(d.utcHours, 9);
      b.writeUInt8(d.utcMinutes, 10);
      return b;
    }
    case valueTag.textWithLanguage:
    case valueTag.nameWithLanguage: {
      const { language, text } = v as { language: string; text: string };
      const lang = Buffer.from(language, 'utf8');
      const body = Buffer.from(text, 'utf8');
      const b = Buffer.alloc(4 + lang.length + body.length);
      b.writeUInt16BE(lang.length, 0);
      lang.copy(b, 2);
      b.writeUInt16BE(body.length, 2 + lang.length);
      body.copy(b, 4 + lang.length);
      return b;
    }
    default:
      return typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v as Buffer);
  }
}

/** Reads a whole message; throws `IppDecodeError` when the bytes end early or make no sense. */
export function decodeIpp(bytes: Uint8Array): IppMessage {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = new Reader(buffer);
  const version: [number, number] = [reader.u8(), reader.u8()];
  const code = reader.u16();
  const requestId = reader.u32();
  const groups: IppGroup[] = [];
  let group: IppGroup | null = null;
  /** The attribute the next nameless value belongs to, and the stack of open collections. */
  let current: IppAttribute | null = null;
  const open: { attribute: IppAttribute | null; members: IppAttribute[]; member: IppAttribute | null }[] = [];

  for (;;) {
    const tag = reader.u8();
    if (tag === endOfAttributes) break;
    if (tag < 0x10) {
      if (open.length > 0) throw new IppDecodeError('an attribute group starts inside a collection');
      group = { tag, attributes: [] };
      groups.push(group);
      current = null;
      continue;
    }
    if (!group) throw new IppDecodeError('a value comes before any attribute group');
    if (tag === 0x7f) throw new IppDecodeError('extension value tags are not supported');
    const name = reader.string(reader.u16());
    const raw = reader.bytes(reader.u16());
    const collection = open.at(-1);

    if (collection && tag === valueTag.memberAttrName) {
      collection.member = { name: raw.toString('utf8'), values: [] };
      collection.members.push(collection.member);
      continue;
    }
    if (collection && tag === valueTag.endCollection) {
      open.pop();
      continue;
    }
    let target: IppAttribute;
    if (collection) {
      if (!collection.member) throw new IppDecodeError('a collection value has no member name');
      target = collection.member;
    } else if (name) {
      target = { name, values: [] };
      group.attributes.push(target);
      current = target;
    } else {
      if (!current) throw new IppDecodeError('an additional value has no attribute');
      target = current;
    }
    if (tag === valueTag.begCollection) {
      const members: IppAttribute[] = [];
      target.values.push({ tag, value: members });
      open.push({ attribute: target, members, member: null });
    } else {
      target.values.push(decodeValue(tag, raw));
    }
  }
  if (open.length > 0) throw new IppDecodeError('a collection is not closed');
  const data = reader.rest();
  return { version, code, requestId, groups, ...(data.length ? { data } : {}) };
}

function decodeValue(tag: number, raw: Buffer): IppValue {
  const need = (length: number) => {
    if (raw.length !== length)
      throw new IppDecodeError(`value tag 0x${tag.toString(16)} needs ${length} bytes`);
  };
  if (outOfBand.has(tag)) return { tag } as IppValue;
  switch (tag) {
    case valueTag.integer:
    case valueTag.enum:
      need(4);
      return { tag, value: raw.readInt32BE(0) };
    case valueTag.boolean:
      need(1);
      return { tag, value: raw[0] !== 0 };
    case valueTag.rangeOfInteger:
      need(8);
      return { tag, value: { lower: raw.readInt32BE(0), upper: raw.readInt32BE(4) } };
    case valueTag.resolution:
      need(9);
      return { tag, value: { x: raw.readInt32BE(0), y: raw.readInt32BE(4), units: raw.readInt8(8) } };
    case valueTag.dateTime:
      need(11);
      return {
        tag,
        value: {
          year: raw.readUInt16BE(0),
          month: raw[2]!,
          day: raw[3]!,
          hour: raw[4]!,
          minutes: raw[5]!,
          seconds: raw[6]!,
          deciSeconds: raw[7]!,
          utcDirection: raw.toString('latin1', 8, 9) === '-' ? '-' : '+',
          utcHours: raw[9]!,
          utcMinutes: raw[10]!,
        },
      };
    case valueTag.textWithLanguage:
    case valueTag.nameWithLanguage: {
      const inner = new Reader(raw);
      const language = inner.string(inner.u16());
      const text = inner.string(inner.u16());
      return { tag, value: { language, text } };
    }
    default:
      return { tag, value: stringTags.has(tag) ? raw.toString('utf8') : Buffer.from(raw) };
  }
}

class Reader {
  #at = 0;
  constructor(private readonly buffer: Buffer) {}

  #take(length: number): number {
    const at = this.#at;
    if (at + length > this.buffer.length) throw new IppDecodeError('the message ends early');
    this.#at += length;
    return at;
  }
  u8 = () => this.buffer.readUInt8(this.#take(1));
  u16 = () => this.buffer.readUInt16BE(this.#take(2));
  u32 = () => this.buffer.readUInt32BE(this.#take(4));
  bytes = (length: number) => {
    const at = this.#take(length);
    return this.buffer.subarray(at, at + length);
  };
  string = (length: number) => this.bytes(length).toString('utf8');
  rest = () => this.buffer.subarray(this.#take(this.buffer.length - this.#at));
}

/** The named attribute's values in the first group of that tag (any group when no tag is given). */
export function attributeValues(message: IppMessage, name: string, group?: number): IppValue[] {
  for (const g of message.groups) {
    if (group !== undefined && g.tag !== group) continue;
    const found = g.attributes.find((attribute) => attribute.name === name);
    if (found) return found.values;
  }
  return [];
}

/** The first value of an attribute as a number, string or boolean; undefined when absent or out of band. */
export function firstValue(message: IppMessage, name: string, group?: number): unknown {
  const [first] = attributeValues(message, name, group);
  return first && 'value' in first ? first.value : undefined;
}

/** The string values of an attribute (keywords, names, text). */
export function stringValues(message: IppMessage, name: string, group?: number): string[] {
  return attributeValues(message, name, group).flatMap((v) =>
    'value' in v && typeof v.value === 'string' ? [v.value] : [],
  );
}

/** RFC 8011 §5.4.15 and the later registrations: status-code → keyword, for reasons a person reads. */
const statusKeywords: Record<number, string> = {
  0x0000: 'successful-ok',
  0x0001: 'successful-ok-ignored-or-substituted-attributes',
  0x0002: 'successful-ok-conflicting-attributes',
  0x0400: 'client-error-bad-request',
  0x0401: 'client-error-forbidden',
  0x0402: 'client-error-not-authenticated',
  0x0403: 'client-error-not-authorized',
  0x0404: 'client-error-not-possible',
  0x0405: 'client-error-timeout',
  0x0406: 'client-error-not-found',
  0x0407: 'client-error-gone',
  0x0408: 'client-error-request-entity-too-large',
  0x0409: 'client-error-request-value-too-long',
  0x040a: 'client-error-document-format-not-supported',
  0x040b: 'client-error-attributes-or-values-not-supported',
  0x040c: 'client-error-uri-scheme-not-supported',
  0x040d: 'client-error-charset-not-supported',
  0x040e: 'client-error-conflicting-attributes',
  0x040f: 'client-error-compression-not-supported',
  0x0410: 'client-error-compression-error',
  0x0411: 'client-error-document-format-error',
  0x0412: 'client-error-document-access-error',
  0x0500: 'server-error-internal-error',
  0x0501: 'server-error-operation-not-supported',
  0x0502: 'server-error-service-unavailable',
  0x0503: 'server-error-version-not-supported',
  0x0504: 'server-error-device-error',
  0x0505: 'server-error-temporary-error',
  0x0506: 'server-error-not-accepting-jobs',
  0x0507: 'server-error-busy',
  0x0508: 'server-error-job-canceled',
  0x0509: 'server-error-multiple-document-jobs-not-supported',
};

export const isSuccess = (code: number): boolean => code < 0x0100;

export const statusKeyword = (code: number): string =>
  statusKeywords[code] ?? `status 0x${code.toString(16).padStart(4, '0')}`;
