import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jobProgressOf, printerStatusOf } from '../../../drivers/passport-printer/ipp.ts';
import {
  attributeValues,
  decodeIpp,
  encodeIpp,
  firstValue,
  groupTag,
  ipp,
  IppDecodeError,
  statusKeyword,
  stringValues,
  type IppMessage,
} from '../../../drivers/passport-printer/ippMessage.ts';

/** Hex of a string's UTF-8 bytes, prefixed by its two-byte length, as IPP writes names and values. */
const str = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length.toString(16).padStart(4, '0') + bytes.toString('hex');
};
const hex = (...parts: string[]) => Buffer.from(parts.join('').replace(/\s+/g, ''), 'hex');
const fixture = (name: string) =>
  hex(fs.readFileSync(new URL(`./fixtures/${name}.hex`, import.meta.url), 'utf8'));

describe('IPP messages', () => {
  it('a Get-Printer-Attributes request is the bytes RFC 8010 lays out', () => {
    const bytes = encodeIpp({
      code: 0x000b,
      requestId: 42,
      groups: [
        {
          tag: groupTag.operation,
          attributes: [
            ipp.charset('attributes-charset'),
            ipp.language('attributes-natural-language'),
            ipp.uri('printer-uri', 'ipp://127.0.0.1:631/printers/LoketPDF'),
            ipp.keyword('requested-attributes', 'printer-state', 'printer-state-reasons'),
          ],
        },
      ],
    });
    expect(bytes).toEqual(
      hex(
        '0101 000b 0000002a',
        '01',
        '47',
        str('attributes-charset'),
        str('utf-8'),
        '48',
        str('attributes-natural-language'),
        str('en'),
        '45',
        str('printer-uri'),
        str('ipp://127.0.0.1:631/printers/LoketPDF'),
        '44',
        str('requested-attributes'),
        str('printer-state'),
        // An additional value: same tag, no name.
        '44 0000',
        str('printer-state-reasons'),
        '03',
      ),
    );
  });

  it('every value type, additional values, out-of-band values and the document survive a round trip', () => {
    const message: IppMessage = {
      version: [1, 1],
      code: 0x0002,
      requestId: 7,
      groups: [
        {
          tag: groupTag.operation,
          attributes: [
            ipp.charset('attributes-charset'),
            ipp.language('attributes-natural-language', 'id'),
            ipp.name('job-name', 'Paspor SITI NURHALIZA — halaman data'),
            ipp.mimeMediaType('document-format', 'application/pdf'),
          ],
        },
        {
          tag: groupTag.job,
          attributes: [
            ipp.integer('copies', 1),
            ipp.enum('orientation-requested', 3, 4),
            ipp.boolean('page-ranges-supported', true),
            ipp.text('job-state-message', 'Printing page 1'),
            { name: 'page-ranges', values: [{ tag: 0x33, value: { lower: 1, upper: 1 } }] },
            { name: 'printer-resolution', values: [{ tag: 0x32, value: { x: 600, y: 600, units: 3 } }] },
            {
              name: 'date-time-at-creation',
              values: [
                {
                  tag: 0x31,
                  value: {
                    year: 2026,
                    month: 11,
                    day: 30,
                    hour: 9,
                    minutes: 15,
                    seconds: 0,
                    deciSeconds: 0,
                    utcDirection: '+',
                    utcHours: 8,
                    utcMinutes: 0,
                  },
                },
              ],
            },
            {
              name: 'job-originating-user-name',
              values: [{ tag: 0x36, value: { language: 'id', text: 'loket' } }],
            },
            { name: 'job-printer-up-time', values: [{ tag: 0x13 }] },
            { name: 'x-vendor', values: [{ tag: 0x30, value: Buffer.from([0, 1, 2, 255]) }] },
          ],
        },
      ],
      data: Buffer.from('%PDF-1.7\n%%EOF\n'),
    };
    const bytes = encodeIpp(message);
    expect(decodeIpp(bytes)).toEqual(message);
    expect(encodeIpp(decodeIpp(bytes))).toEqual(bytes);
  });

  it('reads a collection inside a collection (media-col with media-size)', () => {
    const bytes = hex(
      '0101 0000 00000001 04',
      '34',
      str('media-col'),
      '0000',
      '4a 0000',
      str('media-size'),
      '34 0000 0000',
      '4a 0000',
      str('x-dimension'),
      '21 0000 0004 00005208',
      '4a 0000',
      str('y-dimension'),
      '21 0000 0004 00007404',
      '37 0000 0000',
      '4a 0000',
      str('media-type'),
      '44 0000',
      str('stationery'),
      '37 0000 0000',
      '03',
    );
    const message = decodeIpp(bytes);
    expect(message.groups[0]!.attributes).toEqual([
      {
        name: 'media-col',
        values: [
          {
            tag: 0x34,
            value: [
              {
                name: 'media-size',
                values: [
                  {
                    tag: 0x34,
                    value: [
                      { name: 'x-dimension', values: [{ tag: 0x21, value: 21000 }] },
                      { name: 'y-dimension', values: [{ tag: 0x21, value: 29700 }] },
                    ],
                  },
                ],
              },
              { name: 'media-type', values: [{ tag: 0x44, value: 'stationery' }] },
            ],
          },
        ],
      },
    ]);
    expect(encodeIpp(message)).toEqual(bytes);
  });

  it('refuses a message that ends early or opens a collection it never closes', () => {
    expect(() => decodeIpp(hex('0101 0000 0000'))).toThrow(IppDecodeError);
    expect(() => decodeIpp(hex('0101 0000 00000001 01 47', str('attributes-charset'), '0005 7574'))).toThrow(
      /ends early/,
    );
    expect(() => decodeIpp(hex('0101 0000 00000001 04 34', str('media-col'), '0000 03'))).toThrow(
      /not closed/,
    );
  });

  it('decodes what the local CUPS answered to Get-Printer-Attributes for the LoketPDF queue', () => {
    const bytes = fixture('cups-get-printer-attributes');
    const message = decodeIpp(bytes);
    expect(message.code).toBe(0);
    expect(message.requestId).toBe(7);
    expect(firstValue(message, 'printer-name', groupTag.printer)).toBe('LoketPDF');
    expect(firstValue(message, 'printer-state', groupTag.printer)).toBe(3);
    expect(firstValue(message, 'printer-is-accepting-jobs', groupTag.printer)).toBe(true);
    expect(stringValues(message, 'document-format-supported')).toContain('application/pdf');
    const operations = attributeValues(message, 'operations-supported').map((v) =>
      'value' in v ? v.value : null,
    );
    expect(operations).toEqual(expect.arrayContaining([0x0002, 0x0008, 0x0009, 0x000a, 0x000b]));
    expect(printerStatusOf(message)).toEqual({ state: 'idle' });
    // Every value CUPS sent encodes back to the same bytes.
    expect(encodeIpp(message)).toEqual(bytes);
  });

  it('decodes what CUPS answered to Get-Job-Attributes for a finished job', () => {
    const message = decodeIpp(fixture('cups-get-job-attributes'));
    expect(firstValue(message, 'job-state', groupTag.job)).toBe(9);
    expect(jobProgressOf(message)).toMatchObject({ state: 'done' });
  });

  it('names status codes the way the RFC does', () => {
    expect(statusKeyword(0x0406)).toBe('client-error-not-found');
    expect(statusKeyword(0x0506)).toBe('server-error-not-accepting-jobs');
    expect(statusKeyword(0x0999)).toBe('status 0x0999');
  });
});

/** A Get-Printer-Attributes answer with these printer attributes. */
const printerAnswer = (
  state: number,
  reasons: string[],
  accepting = true,
  stateMessage?: string,
): IppMessage => ({
  code: 0,
  requestId: 1,
  groups: [
    { tag: groupTag.operation, attributes: [ipp.charset('attributes-charset')] },
    {
      tag: groupTag.printer,
      attributes: [
        ipp.enum('printer-state', state),
        ipp.keyword('printer-state-reasons', ...reasons),
        ipp.boolean('printer-is-accepting-jobs', accepting),
        ...(stateMessage ? [ipp.text('printer-state-message', stateMessage)] : []),
      ],
    },
  ],
});

describe("the printer's IPP state as the station sees it", () => {
  it.each([
    ['idle', printerAnswer(3, ['none']), { state: 'idle' }],
    ['printing', printerAnswer(4, ['none']), { state: 'busy' }],
    [
      'low on booklets but printing',
      printerAnswer(4, ['media-low-warning']),
      { state: 'busy', reason: 'media-low' },
    ],
    [
      'disabled by an operator (cupsdisable)',
      printerAnswer(5, ['paused']),
      { state: 'paused', reason: 'paused' },
    ],
    [
      'rejecting jobs (cupsreject)',
      printerAnswer(3, ['none'], false),
      { state: 'paused', reason: 'not accepting jobs' },
    ],
    ['out of booklets', printerAnswer(5, ['media-empty-error']), { state: 'error', reason: 'media-empty' }],
    [
      'disabled with a reason',
      printerAnswer(5, ['paused'], true, 'booklet drawer open'),
      { state: 'paused', reason: 'paused (booklet drawer open)' },
    ],
    ['idle, with chatter', printerAnswer(3, ['none'], true, 'Ready'), { state: 'idle' }],
    ['jammed while idle', printerAnswer(3, ['media-jam-error']), { state: 'error', reason: 'media-jam' }],
    [
      'stopped with only a message',
      printerAnswer(5, ['none'], true, 'Backend failed'),
      { state: 'error', reason: 'Backend failed' },
    ],
    ['stopped without a word', printerAnswer(5, ['none']), { state: 'error', reason: 'stopped' }],
    [
      'unreachable behind CUPS',
      printerAnswer(5, ['offline-report']),
      { state: 'offline', reason: 'offline' },
    ],
    [
      'still connecting',
      printerAnswer(4, ['connecting-to-device']),
      { state: 'offline', reason: 'connecting-to-device' },
    ],
  ] as const)('%s', (_, message, status) => {
    expect(printerStatusOf(message)).toEqual(status);
  });
});

const jobAnswer = (state: number, reasons: string[]): IppMessage => ({
  code: 0,
  requestId: 1,
  groups: [
    {
      tag: groupTag.job,
      attributes: [ipp.enum('job-state', state), ipp.keyword('job-state-reasons', ...reasons)],
    },
  ],
});

describe("a job's IPP state as the station sees it", () => {
  it.each([
    ['pending', jobAnswer(3, ['none']), { state: 'queued' }],
    [
      'held',
      jobAnswer(4, ['job-hold-until-specified']),
      { state: 'queued', reason: 'job-hold-until-specified' },
    ],
    ['processing', jobAnswer(5, ['job-printing']), { state: 'printing', reason: 'job-printing' }],
    ['stopped mid-page', jobAnswer(6, ['printer-stopped']), { state: 'printing', reason: 'printer-stopped' }],
    [
      'completed',
      jobAnswer(9, ['job-completed-successfully']),
      { state: 'done', reason: 'job-completed-successfully' },
    ],
    [
      'completed with errors',
      jobAnswer(9, ['job-completed-with-errors']),
      { state: 'failed', reason: 'job-completed-with-errors', started: true },
    ],
    [
      'canceled',
      jobAnswer(7, ['job-canceled-by-user']),
      { state: 'failed', reason: 'job-canceled-by-user', started: true },
    ],
    ['aborted', jobAnswer(8, ['none']), { state: 'failed', reason: 'aborted', started: true }],
  ] as const)('%s', (_, message, progress) => {
    expect(jobProgressOf(message)).toEqual(progress);
  });
});
