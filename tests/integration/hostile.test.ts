import { describe, it, expect, afterEach } from 'vitest';
import fc from 'fast-check';
import { appointmentColumns, camelCaseOf } from '../../src-main/domain/appointment.ts';
import { LoketError } from '../../src-main/domain/errors.ts';
import { laneOf } from '../../src-main/domain/office.ts';
import { ticketNumber } from '../../src-main/domain/ticket.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { at, makeFloor, rowCounts, type TestFloor } from '../support/floor.ts';
import { sampleAppointment } from '../support/bookings.ts';
import type { ImportSummary, TicketView } from '../../src-main/api/views.ts';

const floors: TestFloor[] = [];
afterEach(() => {
  for (const floor of floors.splice(0)) floor.close();
});

const bookings = [1, 2, 3, 4, 5, 6].map((i) =>
  sampleAppointment(
    i,
    i === 4 ? { lane: 'lansia' } : i === 5 ? { windowStart: '08:00', windowEnd: '09:00' } : {},
  ),
);
const codes = bookings.map((b) => b.bookingCode);

function floor(): TestFloor {
  const made = makeFloor({ now: at('2026-11-30', '09:15') });
  floors.push(made);
  made.load(bookings);
  return made;
}

const runs = { numRuns: 250 };

// ——— check-in ———

const sqlFragments = [
  "'; DROP TABLE bookings;--",
  "' OR '1'='1",
  '" OR ""="',
  '1; DELETE FROM tickets',
  "') UNION SELECT * FROM stations --",
  '%27%20OR%201=1',
  'UPDATE number_counters SET last_sequence = 0',
  '\u0000',
  '*/',
  '/*',
];
const scannerNoise = fc.constantFrom('', '\r', '\n', '\r\n', '\t', '\u0002', '\u0003', '\u001b', ' ');
const realCode = fc.constantFrom(...codes);

const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'binary', minLength: 2000, maxLength: 2100 }),
  fc.string({ minLength: 2049, maxLength: 6000 }),
  fc.json(),
  fc
    .record({
      code: fc.oneof(fc.string(), realCode, fc.jsonValue()),
      kode: fc.option(fc.oneof(fc.string(), realCode)),
      office: fc.option(fc.oneof(fc.string(), fc.constantFrom('DPS', 'dps', 'SBY', ''))),
      nik: fc.option(fc.oneof(fc.stringMatching(/^\d{16}$/), fc.constant(bookings[0]!.nik))),
    })
    .map((r) => JSON.stringify(r)),
  fc
    .array(fc.oneof(fc.constantFrom(...sqlFragments), realCode, fc.string()), { minLength: 1 })
    .map((parts) => parts.join('')),
  fc.tuple(realCode, fc.constantFrom(...sqlFragments)).map(([code, sql]) => `${code}${sql}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(fc.webUrl(), fc.constantFrom('code', 'kode', 'office', 'kantor'), fc.oneof(realCode, fc.string()))
    .map(([url, key, value]) => `${url}?${key}=${encodeURIComponent(value)}`),
  fc.tuple(fc.webUrl(), fc.string()).map(([url, segment]) => `${url}/${segment}`),
  fc.stringMatching(/^\d{16}$/),
  fc.tuple(scannerNoise, fc.mixedCase(realCode), scannerNoise).map((parts) => parts.join('')),
);

describe('hostile text at the kiosk', () => {
  it('any text either gives a ticket for a held booking or a LoketError that writes nothing', () => {
    const f = floor();
    fc.assert(
      fc.property(hostileText, (text) => {
        const before = rowCounts(f.store);
        let ticket: TicketView;
        try {
          ticket = checkIn(f.ctx, f.kiosk, { text });
        } catch (error) {
          expect(error).toBeInstanceOf(LoketError);
          expect(rowCounts(f.store)).toEqual(before);
          return;
        }
        expect(codes).toContain(ticket.booking.code);
        expect(ticket.number).toMatch(/^[ABS]\d-\d{3}$/);
        const after = rowCounts(f.store);
        const issued = ticket.repeated ? 0 : 1;
        expect(after.tickets).toBe(before.tickets! + issued);
        expect(after.events).toBe(before.events! + issued);
        expect(after.bookings).toBe(before.bookings);
      }),
      runs,
    );
    expect(f.store.bookings.count()).toBe(bookings.length);
  });

  it('a real booking code in any case, wrapped in scanner noise, always checks its citizen in', () => {
    const f = floor();
    fc.assert(
      fc.property(scannerNoise, fc.mixedCase(realCode), scannerNoise, (prefix, code, suffix) => {
        const ticket = checkIn(f.ctx, f.kiosk, { text: `${prefix}${code}${suffix}` });
        expect(ticket.booking.code).toBe(code.toUpperCase());
      }),
      runs,
    );
    const numbers = f.store.tickets.listForDay('2026-11-30').map((t) => t.number);
    expect(numbers.sort()).toEqual(['A1-001', 'A2-001', 'A2-002', 'A2-003', 'A2-004', 'B2-001']);
  });
});

describe('real bookings scanned at any moment', () => {
  const week = [
    ...[10, 11, 12, 13, 14, 15, 16, 17].map((i) =>
      sampleAppointment(i, {
        windowStart: `${String(8 + (i % 8)).padStart(2, '0')}:00`,
        windowEnd: `${String(9 + (i % 8)).padStart(2, '0')}:00`,
        lane: i % 3 ? 'regular' : 'hamil',
      }),
    ),
    ...[20, 21, 22].map((i) => sampleAppointment(i, { appointmentDate: '2026-12-01' })),
  ];

  it('every scan is a ticket or a LoketError that writes nothing, and numbers never skip or repeat', () => {
    const f = makeFloor({ now: at('2026-11-30', '09:15') });
    floors.push(f);
    f.load(week);
    const moment = fc
      .tuple(
        fc.constantFrom('2026-11-29', '2026-11-30', '2026-12-01'),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
      )
      .map(([date, minute]) => at(date, '00:00') + minute * 60_000);
    fc.assert(
      fc.property(moment, fc.constantFrom(...week), (instant, booking) => {
        f.clock.set(instant);
        const before = rowCounts(f.store);
        try {
          checkIn(f.ctx, f.kiosk, { text: booking.bookingCode });
        } catch (error) {
          expect(error).toBeInstanceOf(LoketError);
          expect(['TOO_EARLY', 'WRONG_DAY', 'OFFICE_CLOSED']).toContain((error as LoketError).code);
          expect(rowCounts(f.store)).toEqual(before);
        }
      }),
      runs,
    );
    const office = f.store.office.get();
    for (const day of ['2026-11-30', '2026-12-01']) {
      const tickets = f.store.tickets.listForDay(day);
      const sequences = new Map<string, number[]>();
      for (const t of tickets) {
        const key = `${t.lane}/${t.windowNumber}`;
        sequences.set(key, [...(sequences.get(key) ?? []), t.sequence]);
        expect(t.number).toBe(ticketNumber(laneOf(office, t.lane).prefix, t.windowNumber, t.sequence));
      }
      for (const list of sequences.values()) {
        expect(list.sort((a, b) => a - b)).toEqual(list.map((_, i) => i + 1));
      }
      expect(new Set(tickets.map((t) => t.bookingCode)).size).toBe(tickets.length);
    }
  });
});

// ——— appointment import ———

const lineCount = (content: string) => content.split(/\r\n|\r|\n/).length;

/** Imports, and checks what any outcome must satisfy: a full summary, or a refusal that wrote nothing. */
function importHolds(f: TestFloor, format: 'csv' | 'json', content: string): void {
  const before = rowCounts(f.store);
  let summary: ImportSummary;
  try {
    summary = importAppointments(f.ctx, { stationId: null, actor: 'fuzz' }, { format, content });
  } catch (error) {
    expect(error).toBeInstanceOf(LoketError);
    expect((error as LoketError).code).toBe('IMPORT_UNREADABLE');
    expect(rowCounts(f.store)).toEqual(before);
    return;
  }
  expect(summary.created + summary.updated + summary.unchanged + summary.rejected.length).toBe(summary.rows);
  for (const { line } of [...summary.rejected, ...summary.warnings]) {
    expect(line).toBeGreaterThanOrEqual(1);
    expect(line).toBeLessThanOrEqual(lineCount(content));
  }
  const after = rowCounts(f.store);
  expect(after.bookings).toBe(before.bookings! + summary.created);
  expect(after.events).toBe(before.events! + summary.created + summary.updated);
  expect(after.tickets).toBe(before.tickets);
}

/** A value for a column: mostly a valid one from a sample booking, now and then anything at all. */
const fieldValue = (column: (typeof appointmentColumns)[number]) =>
  fc.oneof(
    {
      weight: 30,
      arbitrary: fc
        .integer({ min: 0, max: 40 })
        .map((i) => String((sampleAppointment(i) as Record<string, unknown>)[camelCaseOf(column)] ?? '')),
    },
    { weight: 1, arbitrary: fc.string() },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom(...sqlFragments, '', ' ', '"', '""', ',', '\n', '\r\n') },
  );

/** A CSV cell written correctly, written raw (perhaps breaking the quoting), or quoted needlessly. */
const cell = (value: string) =>
  fc.constantFrom(
    /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value,
    value,
    `"${value.replace(/"/g, '""')}"`,
  );

type Column = (typeof appointmentColumns)[number];

/** A row for the given header, now and then with a field too few or too many. */
const csvRow = (columns: readonly Column[]) =>
  fc
    .tuple(...columns.map((c) => fieldValue(c).chain(cell)))
    .chain((cells) =>
      fc
        .constantFrom(0, 0, 0, 0, 0, -1, 1)
        .map((extra) => (extra < 0 ? cells.slice(0, extra) : [...cells, ...Array<string>(extra).fill('x')])),
    )
    .map((cells) => cells.join(','));

const headers: (readonly Column[])[] = [
  appointmentColumns,
  appointmentColumns.filter((c) => c !== 'phone' && c !== 'lane'),
  appointmentColumns.slice(0, -2), // no window_end: unreadable
];

const csvFile = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom('', '\uFEFF'), fc.constantFrom(...headers), fc.constantFrom('\n', '\r\n'))
      .chain(([bom, columns, eol]) =>
        fc
          .array(fc.oneof({ weight: 8, arbitrary: csvRow(columns) }, fc.constant(''), fc.string()), {
            maxLength: 8,
          })
          .map((rows) => `${bom}${[columns.join(','), ...rows].join(eol)}${eol}`),
      ),
  },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 500 }) },
);

const jsonRowValue = fc.oneof(
  { weight: 1, arbitrary: fc.jsonValue() },
  {
    weight: 4,
    arbitrary: fc.record(
      Object.fromEntries(
        appointmentColumns.map((c) => [
          camelCaseOf(c),
          fc.oneof({ weight: 10, arbitrary: fieldValue(c) }, { weight: 1, arbitrary: fc.jsonValue() }),
        ]),
      ),
      { requiredKeys: appointmentColumns.filter((c) => c !== 'phone' && c !== 'lane').map(camelCaseOf) },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 0, max: 40 }).map((i) => ({ ...sampleAppointment(i), lane: '' })),
  },
);

const jsonFile = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.array(jsonRowValue, { maxLength: 8 }),
        fc.constantFrom(undefined, 2, '\t'),
        fc.constantFrom('', '\uFEFF'),
      )
      .map(([rows, indent, bom]) => `${bom}${JSON.stringify(rows, null, indent)}`),
  },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string() },
);

describe('hostile appointment files', () => {
  it('any CSV content is either imported with every row accounted for, or refused having written nothing', () => {
    const f = floor();
    fc.assert(
      fc.property(csvFile, (content) => importHolds(f, 'csv', content)),
      runs,
    );
  });

  it('any JSON content is either imported with every row accounted for, or refused having written nothing', () => {
    const f = floor();
    fc.assert(
      fc.property(jsonFile, (content) => importHolds(f, 'json', content)),
      runs,
    );
  });
});
