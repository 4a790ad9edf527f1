import { describe, it, expect, afterEach } from 'vitest';
import { appointmentColumns } from '../../src-main/domain/appointment.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import type { ImportSummary } from '../../src-main/api/views.ts';
import { at, makeFloor, rowCounts, type TestFloor } from '../support/floor.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { refusalOf } from '../support/refusal.ts';

const floors: TestFloor[] = [];
afterEach(() => {
  for (const floor of floors.splice(0)) floor.close();
});

function floor(): TestFloor {
  const made = makeFloor({ now: at('2026-11-29', '20:00') });
  floors.push(made);
  return made;
}

const supervisor = { stationId: null, actor: 'supervisor-1' };
const importCsv = (f: TestFloor, content: string) =>
  importAppointments(f.ctx, supervisor, { format: 'csv', content });
const importJson = (f: TestFloor, content: string) =>
  importAppointments(f.ctx, supervisor, { format: 'json', content });

/** Each rejected line with its reasons, as the import report lists them. */
const rejections = (summary: ImportSummary) =>
  summary.rejected.map((r) => ({ line: r.line, reasons: r.problems.map((p) => p.reason) }));

/** A booking as M-Paspor's JSON export writes it (lane empty for regular). */
const jsonRow = (index: number, changes: Record<string, unknown> = {}) => {
  const booking = sampleAppointment(index);
  return { ...booking, lane: booking.lane === 'regular' ? '' : booking.lane, ...changes };
};

const header = appointmentColumns.join(',');
/** One CSV line of a sample booking, with its fields changed as text. */
const csvLine = (index: number, changes: Record<string, unknown> = {}) =>
  appointmentCsv([{ ...sampleAppointment(index), ...changes }]).slice(header.length + 1, -1);

const eventTypes = (f: TestFloor) => f.store.events.readAfter(0, 10_000).map((e) => e.type);

describe('importing the day’s M-Paspor list', () => {
  it('a CSV export is imported, each booking logged as imported', () => {
    const f = floor();
    const summary = importCsv(f, appointmentCsv([1, 2, 3].map((i) => sampleAppointment(i))));
    expect(summary).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0, rejected: [], warnings: [] });
    expect(f.store.bookings.find('MPDPS-00002')).toEqual(sampleAppointment(2));
    expect(eventTypes(f)).toEqual(['booking.imported', 'booking.imported', 'booking.imported']);
    expect(f.store.events.readAfter(0)[0]).toMatchObject({
      actor: 'supervisor-1',
      payload: { booking: { bookingCode: 'MPDPS-00001' } },
    });
  });

  it('a JSON export is imported the same way', () => {
    const f = floor();
    const summary = importJson(
      f,
      JSON.stringify([jsonRow(1), jsonRow(2, { lane: 'balita', phone: null, validityYears: '5' })]),
    );
    expect(summary).toMatchObject({ rows: 2, created: 2, rejected: [] });
    expect(f.store.bookings.find('MPDPS-00002')).toMatchObject({
      lane: 'balita',
      phone: null,
      validityYears: 5,
    });
  });

  it('a CSV saved by Excel (BOM, CRLF, capitalised header, no phone or lane column) is imported', () => {
    const f = floor();
    const columns = appointmentColumns.filter((c) => c !== 'phone' && c !== 'lane');
    const line = (i: number) => {
      const b = sampleAppointment(i) as unknown as Record<string, unknown>;
      return columns.map((c) => b[c.replace(/_([a-z])/g, (_, l: string) => l.toUpperCase())]).join(',');
    };
    const content = `\uFEFF${columns.map((c) => ` ${c.toUpperCase()}`).join(',')}\r\n${line(1)}\r\n${line(2)}\r\n`;
    const summary = importCsv(f, content);
    expect(summary).toMatchObject({ rows: 2, created: 2, rejected: [] });
    expect(f.store.bookings.find('MPDPS-00001')).toMatchObject({ phone: null, lane: 'regular' });
  });

  it('a JSON file with a BOM is imported', () => {
    const f = floor();
    expect(importJson(f, `\uFEFF${JSON.stringify([jsonRow(1)])}`)).toMatchObject({ created: 1 });
  });

  it('a column the floor does not know is ignored', () => {
    const f = floor();
    const content = `${header},catatan\n${csvLine(1)},datang bersama anak\n`;
    expect(importCsv(f, content)).toMatchObject({ created: 1, rejected: [] });
  });

  it('an imported booking with a NIK that disagrees with its birth date is kept, with a warning', () => {
    const f = floor();
    const summary = importCsv(f, `${header}\n${csvLine(1)}\n${csvLine(2, { birthDate: '1961-02-13' })}\n`);
    expect(summary.created).toBe(2);
    expect(summary.warnings).toMatchObject([
      { line: 3, bookingCode: 'MPDPS-00002', problems: [{ reason: 'nik_birth_date_mismatch' }] },
    ]);
  });
});

describe('a rejected row is reported with the line an officer finds it on', () => {
  it('in a CSV file with blank lines and quoted fields holding commas and quotes', () => {
    const f = floor();
    const content = [
      header, // 1
      csvLine(1, { fullName: 'Sudarsana, I Wayan "Komang"' }), // 2
      '', // 3
      csvLine(2, { sex: 'X' }), // 4
      csvLine(3), // 5
      csvLine(4, { fullName: 'Lestari, Ni "Ayu" <b>', phone: '12' }), // 6
      '', // 7
      '', // 8
      csvLine(5, { validityYears: 7 }), // 9
    ].join('\n');
    const summary = importCsv(f, content);
    expect(rejections(summary)).toEqual([
      { line: 4, reasons: ['invalid_sex'] },
      { line: 6, reasons: ['invalid_name', 'invalid_phone'] },
      { line: 9, reasons: ['invalid_validity'] },
    ]);
    expect(summary.rejected.map((r) => r.bookingCode)).toEqual(['MPDPS-00002', 'MPDPS-00004', 'MPDPS-00005']);
    expect(f.store.bookings.find('MPDPS-00001')?.fullName).toBe('Sudarsana, I Wayan "Komang"');
  });

  it('in a CSV file where a quoted field breaks over lines, the row is named by its first line', () => {
    const f = floor();
    const content = [
      header, // 1
      csvLine(1, { fullName: 'Ni Made\nAyu' }), // 2–3
      csvLine(2, { sex: 'X' }), // 4
    ].join('\n');
    expect(rejections(importCsv(f, content))).toEqual([
      { line: 2, reasons: ['invalid_name'] },
      { line: 4, reasons: ['invalid_sex'] },
    ]);
  });

  it('in a Windows CSV file where a quoted field breaks over lines, later rows keep their line', () => {
    const f = floor();
    const content = [
      header, // 1
      csvLine(6, { fullName: 'Ni Luh Séka Ñoman' }), // 2
      csvLine(1, { fullName: 'Ni Made\r\nAyu' }), // 3–4
      csvLine(2, { sex: 'X' }), // 5
      '', // 6
      csvLine(3, { lane: 'vip' }), // 7
    ].join('\r\n');
    expect(rejections(importCsv(f, `\uFEFF${content}\r\n`))).toEqual([
      { line: 3, reasons: ['invalid_name'] },
      { line: 5, reasons: ['invalid_sex'] },
      { line: 7, reasons: ['unknown_lane'] },
    ]);
  });

  it('in a JSON file with one booking per line', () => {
    const f = floor();
    const content = [
      '[',
      JSON.stringify(jsonRow(1)),
      `,${JSON.stringify(jsonRow(2, { sex: 'X', fullName: 'a, "b" [c] {d}' }))}`,
      `,${JSON.stringify(jsonRow(3))}`,
      `,${JSON.stringify(jsonRow(4, { lane: 'vip' }))}`,
      ']',
    ].join('\n');
    expect(rejections(importJson(f, content))).toEqual([
      { line: 3, reasons: ['invalid_sex'] },
      { line: 5, reasons: ['unknown_lane'] },
    ]);
  });

  it('in a pretty-printed JSON file, at the line of the row’s opening brace', () => {
    const f = floor();
    const content = JSON.stringify(
      [jsonRow(1), jsonRow(2, { windowStart: '9.00' }), 'MPDPS-00009', jsonRow(3, { nik: '' })],
      null,
      2,
    );
    const lines = content.split('\n');
    const startOf = (text: string) => lines.findIndex((l) => l === text) + 1;
    const braces = lines.flatMap((l, i) => (l === '  {' ? [i + 1] : []));
    expect(rejections(importJson(f, content))).toEqual([
      { line: braces[1], reasons: ['invalid_time'] },
      { line: startOf('  "MPDPS-00009",'), reasons: ['not_an_object'] },
      { line: braces[2], reasons: ['missing'] },
    ]);
  });
});

describe('every rejection reason reaches the import report', () => {
  const reasonsByRow: [string, Record<string, unknown>][] = [
    ['missing', { fullName: '' }],
    ['invalid_booking_code', { bookingCode: "x'; DROP TABLE bookings;--" }],
    ['nik_not_16_digits', { nik: '51710112345' }],
    ['nik_invalid_birth_date', { nik: '5171019913600002' }],
    ['invalid_name', { fullName: 'I Wayan <script>' }],
    ['invalid_date', { appointmentDate: '30/11/2026' }],
    ['birth_after_appointment', { birthDate: '2027-01-01' }],
    ['invalid_sex', { sex: 'M' }],
    ['invalid_phone', { phone: 'call me' }],
    ['unknown_application_kind', { applicationKind: 'perpanjangan' }],
    ['unknown_passport_type', { passportType: 'dinas' }],
    ['invalid_validity', { validityYears: 15 }],
    ['invalid_time', { windowEnd: '25:00' }],
    ['window_end_before_start', { windowStart: '11:00', windowEnd: '10:00' }],
    ['office_closed_that_day', { appointmentDate: '2026-11-29' }],
    ['window_outside_hours', { windowStart: '16:00', windowEnd: '17:00' }],
    ['unknown_lane', { lane: 'vip' }],
  ];

  it('from a CSV file, each on its own line, while the good rows around them are imported', () => {
    const f = floor();
    const rows = reasonsByRow.map(([, changes], i) => csvLine(10 + i, changes));
    const content = [
      header,
      csvLine(1),
      ...rows,
      `${csvLine(2)},extra`, // one field too many
      'MPDPS-00003,5171015203900002', // far too few
      csvLine(4),
      csvLine(1, { fullName: 'Someone Else' }), // the same booking code again
    ].join('\n');
    const summary = importCsv(f, content);
    const n = reasonsByRow.length;
    expect(rejections(summary)).toEqual([
      ...reasonsByRow.map(([reason], i) => ({ line: 3 + i, reasons: [reason] })),
      { line: 3 + n, reasons: ['wrong_column_count'] },
      { line: 4 + n, reasons: ['wrong_column_count'] },
      { line: 6 + n, reasons: ['duplicate_in_file'] },
    ]);
    expect(summary.rejected.at(-1)?.problems[0]?.message.en).toBe('booking code already appears on line 2');
    expect(summary).toMatchObject({ rows: n + 5, created: 2, updated: 0, unchanged: 0 });
    expect(f.store.bookings.count()).toBe(2);
    expect(f.store.bookings.find('MPDPS-00001')?.fullName).toBe(sampleAppointment(1).fullName);
  });

  it('from a JSON file: a row that is not an object, a value of the wrong type, and the rest', () => {
    const f = floor();
    const rows: unknown[] = [
      jsonRow(1),
      ...reasonsByRow.map(([, changes], i) => jsonRow(10 + i, changes)),
      'MPDPS-00002',
      null,
      [jsonRow(3)],
      jsonRow(4, { fullName: { first: 'Ni', last: 'Made' } }),
      jsonRow(5, { validityYears: true }),
      jsonRow(1, { fullName: 'Someone Else' }),
    ];
    const content = `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]`;
    const summary = importJson(f, content);
    const n = reasonsByRow.length;
    expect(rejections(summary)).toEqual([
      ...reasonsByRow.map(([reason], i) => ({ line: 3 + i, reasons: [reason] })),
      { line: 3 + n, reasons: ['not_an_object'] },
      { line: 4 + n, reasons: ['not_an_object'] },
      { line: 5 + n, reasons: ['not_an_object'] },
      { line: 6 + n, reasons: ['wrong_type'] },
      { line: 7 + n, reasons: ['wrong_type'] },
      { line: 8 + n, reasons: ['duplicate_in_file'] },
    ]);
    expect(summary).toMatchObject({ rows: n + 7, created: 1 });
  });
});

describe('invisible format characters are refused at import, with the line', () => {
  // A right-to-left override shows "I Wayan" where the booking holds "nayaW I"; a zero-width space
  // makes two bookings with one name look alike on the board.
  const hidden: [string, string, Record<string, unknown>][] = [
    ['full_name', 'right-to-left override', { fullName: 'I Wayan \u202ESudirta' }],
    ['full_name', 'zero-width space', { fullName: 'Ni Made\u200B Sari' }],
    ['birth_place', 'zero-width joiner', { birthPlace: 'Den\u200Dpasar' }],
    ['phone', 'left-to-right isolate', { phone: '\u2066081234567890' }],
    ['booking_code', 'byte order mark inside a value', { bookingCode: 'MPDPS-\uFEFF00042' }],
    ['lane', 'word joiner', { lane: 'lansia\u2060' }],
  ];

  it('from a CSV file, each such row is rejected on its own line and the clean rows are imported', () => {
    const f = floor();
    const content = [
      header,
      csvLine(1),
      ...hidden.map(([, , changes], i) => csvLine(20 + i, changes)),
      csvLine(2),
    ].join('\n');
    const summary = importCsv(f, content);
    expect(
      summary.rejected.map((r) => ({ line: r.line, problems: r.problems.map((p) => [p.field, p.reason]) })),
    ).toEqual(hidden.map(([field], i) => ({ line: 3 + i, problems: [[field, 'format_character']] })));
    expect(f.store.bookings.count()).toBe(2);
  });

  it('from a JSON file the same', () => {
    const f = floor();
    const rows = [jsonRow(1), ...hidden.map(([, , changes], i) => jsonRow(20 + i, changes))];
    const summary = importJson(f, `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]`);
    expect(rejections(summary)).toEqual(
      hidden.map((_, i) => ({ line: 3 + i, reasons: ['format_character'] })),
    );
    expect(f.store.bookings.count()).toBe(1);
  });
});

describe('importing again', () => {
  it('the same file a second time changes nothing and logs nothing', () => {
    const f = floor();
    const content = appointmentCsv([1, 2, 3].map((i) => sampleAppointment(i)));
    importCsv(f, content);
    const before = rowCounts(f.store);
    f.clock.advanceMinutes(10);
    expect(importCsv(f, content)).toEqual({
      rows: 3,
      created: 0,
      updated: 0,
      unchanged: 3,
      rejected: [],
      warnings: [],
    });
    expect(rowCounts(f.store)).toEqual(before);
  });

  it('the same bookings as JSON after CSV are unchanged too', () => {
    const f = floor();
    importCsv(f, appointmentCsv([1, 2].map((i) => sampleAppointment(i))));
    const before = rowCounts(f.store);
    expect(importJson(f, JSON.stringify([jsonRow(1), jsonRow(2)]))).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    expect(rowCounts(f.store)).toEqual(before);
  });

  it('a row whose window moved updates its booking and logs booking.updated', () => {
    const f = floor();
    importCsv(f, appointmentCsv([1, 2, 3].map((i) => sampleAppointment(i))));
    const moved = sampleAppointment(2, { windowStart: '13:00', windowEnd: '14:00' });
    const summary = importCsv(f, appointmentCsv([sampleAppointment(1), moved, sampleAppointment(3)]));
    expect(summary).toMatchObject({ rows: 3, created: 0, updated: 1, unchanged: 2 });
    expect(f.store.bookings.find('MPDPS-00002')).toEqual(moved);
    const last = f.store.events.readAfter(0).at(-1);
    expect(last).toMatchObject({ type: 'booking.updated', payload: { booking: { windowStart: '13:00' } } });
    expect(eventTypes(f).filter((t) => t === 'booking.updated')).toHaveLength(1);
  });

  it('a new list with one more booking creates just that one', () => {
    const f = floor();
    importCsv(f, appointmentCsv([1, 2].map((i) => sampleAppointment(i))));
    expect(importCsv(f, appointmentCsv([1, 2, 3].map((i) => sampleAppointment(i))))).toMatchObject({
      created: 1,
      unchanged: 2,
    });
  });
});

describe('all valid rows in one transaction', () => {
  it('a failure while writing the third booking keeps none of them', () => {
    const f = floor();
    f.store.db.exec(
      `CREATE TRIGGER bookings_fail BEFORE INSERT ON bookings WHEN NEW.code = 'MPDPS-00003'
       BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    const before = rowCounts(f.store);
    expect(() => importCsv(f, appointmentCsv([1, 2, 3, 4].map((i) => sampleAppointment(i))))).toThrow(
      'disk full',
    );
    expect(rowCounts(f.store)).toEqual(before);
  });
});

describe('a file that cannot be read at all', () => {
  const cases: [string, 'csv' | 'json', string][] = [
    ['an unclosed quote', 'csv', `${header}\n${csvLine(1)}\n"MPDPS-00002,${csvLine(2).slice(12)}\n`],
    ['a quote inside an unquoted field', 'csv', `${header}\n${csvLine(1)}\nMPD"PS-00002,x\n`],
    [
      'a header without the nik column',
      'csv',
      appointmentCsv([sampleAppointment(1)]).replace(',nik,', ',id,'),
    ],
    ['a file that is not CSV at all', 'csv', 'hello world\n'],
    ['an empty CSV file', 'csv', ''],
    ['a CSV file of blank lines', 'csv', '\n\r\n\n'],
    ['JSON that is not an array', 'json', JSON.stringify({ bookings: [jsonRow(1)] })],
    ['JSON that is cut off', 'json', JSON.stringify([jsonRow(1), jsonRow(2)]).slice(0, 200)],
    ['an empty JSON file', 'json', ''],
    ['a CSV file sent as JSON', 'json', appointmentCsv([sampleAppointment(1)])],
  ];

  it.each(cases)('%s is refused as unreadable and writes nothing', (_name, format, content) => {
    const f = floor();
    f.load([sampleAppointment(20)]);
    const before = rowCounts(f.store);
    const error = refusalOf(() => importAppointments(f.ctx, supervisor, { format, content }));
    expect(error.code).toBe('IMPORT_UNREADABLE');
    expect(error.text.en).toMatch(/^The appointment file could not be read: ./);
    expect(rowCounts(f.store)).toEqual(before);
  });

  it('a missing column is named in the message', () => {
    const f = floor();
    const content = appointmentCsv([sampleAppointment(1)]).replace(',window_end,', ',window_stop,');
    expect(refusalOf(() => importCsv(f, content)).text.en).toContain('missing columns: window_end');
  });

  it('a header with no rows is read as an empty list', () => {
    const f = floor();
    expect(importCsv(f, `${header}\n`)).toMatchObject({ rows: 0, created: 0 });
    expect(importJson(f, '[]')).toMatchObject({ rows: 0, created: 0 });
  });
});
