import { describe, it, expect, afterEach } from 'vitest';
import type { LoketError } from '../../src-main/domain/errors.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { changeOffice } from '../../src-main/services/office.ts';
import { commandLine } from '../../src-main/services/context.ts';
import type { TicketView } from '../../src-main/api/views.ts';
import { at, makeFloor, rowCounts, type TestFloor } from '../support/floor.ts';
import { sampleAppointment } from '../support/bookings.ts';
import { refusalOf } from '../support/refusal.ts';
import { openDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';

const floors: TestFloor[] = [];
afterEach(() => {
  for (const floor of floors.splice(0)) floor.close();
});

/** A floor at the given office-local moment of Monday 30 November 2026 (or another date). */
function floorAt(time: string, date = '2026-11-30'): TestFloor {
  const floor = makeFloor({ now: at(date, time) });
  floors.push(floor);
  return floor;
}

const scan = (floor: TestFloor, text: string): TicketView => checkIn(floor.ctx, floor.kiosk, { text });

/** Scans text that must be refused, and shows that the refusal wrote nothing. */
function refusedScan(floor: TestFloor, text: string): LoketError {
  const before = rowCounts(floor.store);
  const error = refusalOf(() => scan(floor, text));
  expect(rowCounts(floor.store)).toEqual(before);
  return error;
}

const eventsOfType = (floor: TestFloor, type: string) =>
  floor.store.events.readAfter(0, 10_000).filter((e) => e.type === type);

describe('check-in at the kiosk', () => {
  it('a citizen inside their window gets the first number of their lane and window', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1, { fullName: 'Ni Made Ayu Lestari' })]);
    const ticket = scan(floor, 'MPDPS-00001');
    expect(ticket).toMatchObject({
      number: 'A2-001',
      officeDate: '2026-11-30',
      office: { code: 'DPS' },
      lane: { id: 'regular', priority: false },
      window: { number: 2, start: '09:00', end: '10:00' },
      bookedWindow: { start: '09:00', end: '10:00' },
      arrival: 'on_time',
      standbyReason: null,
      expectedCallAt: '09:15',
      area: { en: 'Main waiting hall' },
      issuedAt: '2026-11-30T09:15:00+08:00',
      status: 'waiting',
      citizen: { initials: 'N. M. A. L.' },
      booking: { code: 'MPDPS-00001', applicationKind: 'baru' },
      repeated: false,
    });
    expect(ticket.qr).toBe(`LOKET:T:DPS:${ticket.id}`);
    expect(ticket.notice.id).toContain('pukul 09:15');
    expect(ticket.notice.en).toContain('Expected call at 09:15');
  });

  it('a booking code typed without its dashes, in lower case or with spaces finds its booking', () => {
    const floor = floorAt('09:15');
    floor.load([
      sampleAppointment(1, { bookingCode: 'LAT-261130-046' }),
      sampleAppointment(2, { bookingCode: 'LAT-261130-047' }),
    ]);
    expect(scan(floor, 'LAT261130046').booking.code).toBe('LAT-261130-046');
    expect(scan(floor, 'lat 261130 047').booking.code).toBe('LAT-261130-047');
    // The same citizen typing again gets the same ticket, however the code is written.
    expect(scan(floor, 'lat-261130-046')).toMatchObject({
      booking: { code: 'LAT-261130-046' },
      repeated: true,
    });
    expect(refusedScan(floor, 'LAT261130048').code).toBe('UNKNOWN_BOOKING');
  });

  it('the kiosk shows the citizen’s initials, never the full name', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1, { fullName: 'Ni Made Ayu Lestari' })]);
    expect(JSON.stringify(scan(floor, 'MPDPS-00001'))).not.toContain('Lestari');
  });

  it('a citizen 40 minutes early gets a ticket marked early, to be called from the window’s start', () => {
    const floor = floorAt('08:20');
    floor.load([sampleAppointment(1), sampleAppointment(2)]);
    const first = scan(floor, 'MPDPS-00001');
    const second = scan(floor, 'MPDPS-00002');
    expect(first).toMatchObject({ number: 'A2-001', arrival: 'early', expectedCallAt: '09:00' });
    expect(second).toMatchObject({ number: 'A2-002', arrival: 'early', expectedCallAt: '09:03' });
  });

  it('a citizen exactly 60 minutes early is still let in', () => {
    const floor = floorAt('08:00');
    floor.load([sampleAppointment(1)]);
    expect(scan(floor, 'MPDPS-00001').arrival).toBe('early');
  });

  it('a citizen 70 minutes early is told when to come back, in both languages', () => {
    const floor = floorAt('07:50');
    floor.load([sampleAppointment(1)]);
    const error = refusedScan(floor, 'MPDPS-00001');
    expect(error.code).toBe('TOO_EARLY');
    expect(error.details).toEqual({ comeBackAt: '08:00' });
    expect(error.text.id).toContain('kembali pukul 08:00');
    expect(error.text.en).toContain('come back at 08:00');
  });

  it('a citizen who was told to come back gets a ticket when they do', () => {
    const floor = floorAt('07:50');
    floor.load([sampleAppointment(1)]);
    expect(refusedScan(floor, 'MPDPS-00001').code).toBe('TOO_EARLY');
    floor.clock.set(at('2026-11-30', '08:00'));
    expect(scan(floor, 'MPDPS-00001').number).toBe('A2-001');
  });

  it('a citizen up to 30 minutes after their window is still on time', () => {
    const floor = floorAt('10:30');
    floor.load([sampleAppointment(1)]);
    expect(scan(floor, 'MPDPS-00001')).toMatchObject({
      number: 'A2-001',
      arrival: 'on_time',
      standbyReason: null,
    });
  });

  it('a citizen 45 minutes after their window goes to the standby lane with the reason on the ticket', () => {
    const floor = floorAt('10:45');
    floor.load([sampleAppointment(1), sampleAppointment(2, { lane: 'lansia' })]);
    const ticket = scan(floor, 'MPDPS-00001');
    expect(ticket).toMatchObject({
      number: 'S3-001',
      lane: { id: 'standby', priority: false },
      arrival: 'late',
      window: { number: 3, start: '10:00', end: '11:00' },
      bookedWindow: { start: '09:00', end: '10:00' },
      expectedCallAt: '11:00',
    });
    expect(ticket.standbyReason?.id).toContain('09:00–10:00');
    expect(ticket.standbyReason?.id).toContain('30 menit');
    expect(ticket.standbyReason?.en).toContain('after the 09:00–10:00 window');
    // A late priority booking joins the same standby lane, next in line.
    expect(scan(floor, 'MPDPS-00002')).toMatchObject({ number: 'S3-002', lane: { id: 'standby' } });
  });

  it('a booking for tomorrow is refused with the day to come', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1, { appointmentDate: '2026-12-01' })]);
    const error = refusedScan(floor, 'MPDPS-00001');
    expect(error.code).toBe('WRONG_DAY');
    expect(error.details).toEqual({ appointmentDate: '2026-12-01' });
    expect(error.text.id).toContain('Selasa, 1 Desember 2026');
    expect(error.text.en).toContain('Your appointment is on Tuesday, 1 December 2026');
  });

  it('a booking for last Friday is refused as passed, sending the citizen to book again', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1, { appointmentDate: '2026-11-27' })]);
    const error = refusedScan(floor, 'MPDPS-00001');
    expect(error.code).toBe('WRONG_DAY');
    expect(error.text.id).toContain('sudah lewat');
    expect(error.text.en).toContain('Friday, 27 November 2026 has passed');
  });

  it('a booking code the floor does not hold is sent to the help desk', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1)]);
    const error = refusedScan(floor, 'MPDPS-99999');
    expect(error.code).toBe('UNKNOWN_BOOKING');
    expect(error.text.en).toContain('help desk');
  });

  it('text that is no booking code, NIK, URL or JSON is refused as unreadable', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1)]);
    for (const text of ['', 'zz', "'; DROP TABLE bookings;--", '{"code":', 'x'.repeat(5000)]) {
      expect(refusedScan(floor, text).code).toBe('INVALID_SCAN');
    }
    expect(floor.store.bookings.count()).toBe(1);
  });

  it('a citizen who scans the queue ticket instead of the booking is told what they scanned', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1)]);
    const ticket = scan(floor, 'MPDPS-00001');
    const error = refusedScan(floor, ticket.qr);
    expect(error.code).toBe('INVALID_SCAN');
    expect(error.text.id).toContain('Ini QR tiket antrean.');
    expect(error.text.en).toContain('This is a queue ticket QR.');
    expect(error.text.en).toContain('M-Paspor');
  });

  it('a QR naming another immigration office is refused', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1)]);
    const error = refusedScan(floor, '{"code":"MPDPS-00001","office":"SBY"}');
    expect(error.code).toBe('WRONG_OFFICE');
    expect(error.text.en).toContain('not Kantor Imigrasi Kelas I TPI Denpasar');
    expect(refusedScan(floor, 'https://m-paspor.imigrasi.go.id/b/MPDPS-00001?kantor=JKT').code).toBe(
      'WRONG_OFFICE',
    );
  });

  it('a QR naming this office, in any case, is accepted', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1)]);
    expect(scan(floor, '{"kode":"mpdps-00001","kantor":"dps"}').number).toBe('A2-001');
  });

  it('every form of the same booking code checks the same citizen in', () => {
    const floor = floorAt('09:15');
    floor.load([1, 2, 3, 4, 5].map((i) => sampleAppointment(i)));
    const forms = [
      ' mpdps-00001\r\n',
      'https://m-paspor.imigrasi.go.id/booking/MPDPS-00002',
      'https://m-paspor.imigrasi.go.id/antrian?kode=MPDPS-00003',
      '{"bookingCode":"MPDPS-00004"}',
      '\u0002{"code":"MPDPS-00005","office":"DPS"}\r',
    ];
    expect(forms.map((text) => scan(floor, text).booking.code)).toEqual([
      'MPDPS-00001',
      'MPDPS-00002',
      'MPDPS-00003',
      'MPDPS-00004',
      'MPDPS-00005',
    ]);
  });
});

describe('the office is closed', () => {
  it('on a Saturday the office has stopped opening, after the booking was made', () => {
    const floor = floorAt('09:15', '2026-12-05');
    changeOffice(floor.ctx, commandLine, [{ path: 'hours.sat', value: { open: '08:00', close: '12:00' } }]);
    floor.load([sampleAppointment(1, { appointmentDate: '2026-12-05' })]);
    changeOffice(floor.ctx, commandLine, [{ path: 'hours.sat', value: null }]);
    const error = refusedScan(floor, 'MPDPS-00001');
    expect(error.code).toBe('OFFICE_CLOSED');
    expect(error.text.en).toBe('Kantor Imigrasi Kelas I TPI Denpasar is closed today.');
  });

  it('on a day closed by the office, with the reason shown', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1)]);
    changeOffice(floor.ctx, commandLine, [
      { path: 'closures', value: [{ date: '2026-11-30', reason: 'Pemadaman listrik' }] },
    ]);
    const error = refusedScan(floor, 'MPDPS-00001');
    expect(error.code).toBe('OFFICE_CLOSED');
    expect(error.text.id).toContain('(Pemadaman listrik)');
    expect(error.text.en).toContain('is closed today (Pemadaman listrik)');
  });

  it('after closing time, even within the late tolerance', () => {
    const floor = floorAt('16:05');
    floor.load([sampleAppointment(1, { windowStart: '15:00', windowEnd: '16:00' })]);
    const error = refusedScan(floor, 'MPDPS-00001');
    expect(error.code).toBe('OFFICE_CLOSED');
    expect(error.text.en).toContain('closed for today at 16:00');
  });
});

describe('a repeated scan', () => {
  it('returns the same ticket, marked repeated, without a new number or event', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1), sampleAppointment(2)]);
    const first = scan(floor, 'MPDPS-00001');
    const countsAfterFirst = rowCounts(floor.store);
    floor.clock.advanceMinutes(3);
    const again = scan(floor, 'mpdps-00001\r\n');
    expect(again).toEqual({ ...first, repeated: true });
    expect(rowCounts(floor.store)).toEqual(countsAfterFirst);
    expect(scan(floor, 'MPDPS-00002').number).toBe('A2-002');
  });

  it('by NIK, URL or JSON returns the ticket taken with the booking code', () => {
    const floor = floorAt('09:15');
    const booking = sampleAppointment(1);
    floor.load([booking]);
    const first = scan(floor, 'MPDPS-00001');
    const others = [
      booking.nik,
      'https://m-paspor.imigrasi.go.id/booking/mpdps-00001',
      '{"code":"MPDPS-00001"}',
    ].map((text) => scan(floor, text));
    expect(others.map((t) => [t.id, t.number, t.repeated])).toEqual([
      [first.id, 'A2-001', true],
      [first.id, 'A2-001', true],
      [first.id, 'A2-001', true],
    ]);
    expect(eventsOfType(floor, 'ticket.issued')).toHaveLength(1);
  });

  it('later in the day keeps the on-time ticket rather than moving the citizen to standby', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1)]);
    const first = scan(floor, 'MPDPS-00001');
    floor.clock.set(at('2026-11-30', '11:30'));
    expect(scan(floor, 'MPDPS-00001')).toMatchObject({ id: first.id, number: 'A2-001', arrival: 'on_time' });
  });
});

describe('check-in by NIK', () => {
  it('a citizen who types their NIK gets the ticket of today’s booking', () => {
    const floor = floorAt('09:15');
    const booking = sampleAppointment(1, { lane: 'hamil' });
    floor.load([booking, sampleAppointment(2)]);
    expect(scan(floor, `${booking.nik}\r\n`)).toMatchObject({
      number: 'D2-001',
      booking: { code: 'MPDPS-00001' },
      repeated: false,
    });
  });

  it('a citizen with an old booking and today’s gets today’s', () => {
    const floor = floorAt('09:15');
    const today = sampleAppointment(1);
    const lastWeek = sampleAppointment(2, {
      nik: today.nik,
      birthDate: today.birthDate,
      sex: today.sex,
      appointmentDate: '2026-11-23',
    });
    floor.load([lastWeek, today]);
    expect(scan(floor, today.nik).booking.code).toBe('MPDPS-00001');
  });

  it('a citizen whose only booking is next week is told the day', () => {
    const floor = floorAt('09:15');
    const booking = sampleAppointment(1, { appointmentDate: '2026-12-07' });
    floor.load([booking]);
    const error = refusedScan(floor, booking.nik);
    expect(error.code).toBe('WRONG_DAY');
    expect(error.details).toEqual({ appointmentDate: '2026-12-07' });
  });

  it('a NIK without any booking is sent to the help desk', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1)]);
    expect(refusedScan(floor, '5171011508850003').code).toBe('UNKNOWN_BOOKING');
  });

  it('a 16-digit booking code that is not a NIK still checks in', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1, { bookingCode: '2026113000000001' })]);
    expect(scan(floor, '2026113000000001').booking.code).toBe('2026113000000001');
  });
});

describe('lanes and numbers', () => {
  it('a priority booking gets its lane’s letter: B elderly, C disabled, D pregnant, E with a toddler', () => {
    const floor = floorAt('09:15');
    floor.load([
      sampleAppointment(1, { lane: 'lansia' }),
      sampleAppointment(2, { lane: 'disabilitas' }),
      sampleAppointment(3, { lane: 'hamil' }),
      sampleAppointment(4, { lane: 'balita' }),
    ]);
    const tickets = ['MPDPS-00001', 'MPDPS-00002', 'MPDPS-00003', 'MPDPS-00004'].map((c) => scan(floor, c));
    expect(tickets.map((t) => [t.number, t.lane.id, t.lane.priority])).toEqual([
      ['B2-001', 'lansia', true],
      ['C2-001', 'disabilitas', true],
      ['D2-001', 'hamil', true],
      ['E2-001', 'balita', true],
    ]);
    expect(tickets[0]?.area.en).toBe('Priority waiting area');
  });

  it('numbers count per lane and window, without gaps, whatever refusals come between', () => {
    const floor = floorAt('08:30');
    floor.load([
      ...[1, 2, 3, 4].map((i) => sampleAppointment(i)),
      sampleAppointment(5, { windowStart: '08:00', windowEnd: '09:00' }),
      sampleAppointment(6, { windowStart: '08:00', windowEnd: '09:00' }),
      sampleAppointment(7, { lane: 'lansia' }),
      sampleAppointment(8, { windowStart: '10:00', windowEnd: '11:00' }),
      sampleAppointment(9, { appointmentDate: '2026-12-01' }),
    ]);
    const numbers: string[] = [];
    for (const code of [1, 5, 2, 7, 9, 3, 8, 6, 4]) {
      const text = `MPDPS-${String(code).padStart(5, '0')}`;
      try {
        numbers.push(scan(floor, text).number);
      } catch {
        numbers.push('refused');
      }
      if (code === 2) numbers.push(refusedScan(floor, 'MPDPS-77777').code);
    }
    expect(numbers).toEqual([
      'A2-001',
      'A1-001',
      'A2-002',
      'UNKNOWN_BOOKING',
      'B2-001',
      'refused', // tomorrow's booking
      'A2-003',
      'refused', // 10:00 window: 90 minutes early
      'A1-002',
      'A2-004',
    ]);
  });

  it('a window that does not start on the hour takes the number of the window it starts in', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1, { windowStart: '09:30', windowEnd: '10:30' })]);
    expect(scan(floor, 'MPDPS-00001')).toMatchObject({
      number: 'A2-001',
      window: { number: 2, start: '09:30', end: '10:30' },
    });
  });
});

describe('the office’s local day (Asia/Makassar), never UTC', () => {
  it('at 07:30 on 30 November, while UTC still says 29 November, the ticket is for 30 November', () => {
    const floor = floorAt('07:30');
    expect(new Date(floor.clock.now()).toISOString().slice(0, 10)).toBe('2026-11-29');
    floor.load([sampleAppointment(1, { windowStart: '08:00', windowEnd: '09:00' })]);
    expect(scan(floor, 'MPDPS-00001')).toMatchObject({
      number: 'A1-001',
      officeDate: '2026-11-30',
      arrival: 'early',
    });
  });

  it('at 00:30 on 30 November a booking for that day is too early, not the wrong day', () => {
    const floor = floorAt('00:30');
    floor.load([sampleAppointment(1)]);
    const error = refusedScan(floor, 'MPDPS-00001');
    expect(error.code).toBe('TOO_EARLY');
    expect(error.details).toEqual({ comeBackAt: '08:00' });
  });

  it('at 00:30 on 1 December, while UTC still says 30 November, a booking for 30 November has passed', () => {
    const floor = floorAt('00:30', '2026-12-01');
    floor.load([sampleAppointment(1)]);
    expect(new Date(floor.clock.now()).toISOString().slice(0, 10)).toBe('2026-11-30');
    const error = refusedScan(floor, 'MPDPS-00001');
    expect(error.code).toBe('WRONG_DAY');
    expect(error.text.en).toContain('has passed');
  });

  it('numbers start again at 001 on the next local day', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1), sampleAppointment(2, { appointmentDate: '2026-12-01' })]);
    expect(scan(floor, 'MPDPS-00001').number).toBe('A2-001');
    floor.clock.set(at('2026-12-01', '09:15'));
    expect(scan(floor, 'MPDPS-00002')).toMatchObject({ number: 'A2-001', officeDate: '2026-12-01' });
  });
});

describe('the floor’s record of a check-in', () => {
  it('a ticket.issued event carries the ticket, by the kiosk that issued it', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1)]);
    const ticket = scan(floor, 'MPDPS-00001');
    const issued = eventsOfType(floor, 'ticket.issued');
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({
      at: at('2026-11-30', '09:15'),
      actor: 'test-kiosk',
      payload: { ticket: { id: ticket.id, number: 'A2-001', bookingCode: 'MPDPS-00001', lane: 'regular' } },
    });
  });

  it('a check-in whose event cannot be written leaves no ticket and burns no number', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1)]);
    floor.store.db.exec(
      "CREATE TRIGGER events_fail BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    const before = rowCounts(floor.store);
    expect(() => scan(floor, 'MPDPS-00001')).toThrow('disk full');
    expect(rowCounts(floor.store)).toEqual(before);
    floor.store.db.exec('DROP TRIGGER events_fail');
    expect(scan(floor, 'MPDPS-00001')).toMatchObject({ number: 'A2-001', repeated: false });
  });

  it('an issued ticket and its counter survive the hub being restarted on the same data', () => {
    const floor = makeFloor({ now: at('2026-11-30', '09:15'), onDisk: true });
    floors.push(floor);
    floor.load([sampleAppointment(1), sampleAppointment(2)]);
    const ticket = scan(floor, 'MPDPS-00001');
    floor.store.close();

    const reopened = new Store(openDatabase(floor.dataDir as string));
    const restarted = { ...floor, store: reopened, ctx: { store: reopened, clock: floor.clock } };
    try {
      expect(scan(restarted, 'MPDPS-00001')).toMatchObject({
        id: ticket.id,
        number: 'A2-001',
        repeated: true,
      });
      expect(scan(restarted, 'MPDPS-00002').number).toBe('A2-002');
    } finally {
      reopened.close();
    }
  });
});

describe('changing the office configuration', () => {
  it('a negative tolerance is refused and changes nothing', () => {
    const floor = floorAt('09:15');
    const before = rowCounts(floor.store);
    const error = refusalOf(() =>
      changeOffice(floor.ctx, commandLine, [{ path: 'checkIn.earlyMinutes', value: -5 }]),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.text.en).toContain('checkIn.earlyMinutes');
    expect(floor.store.office.get().checkIn.earlyMinutes).toBe(60);
    expect(rowCounts(floor.store)).toEqual(before);
  });

  it('a setting that does not exist is refused and changes nothing', () => {
    const floor = floorAt('09:15');
    const before = rowCounts(floor.store);
    const unknown = [
      'checkIn.veryEarly',
      'queue.ratio',
      'lanes.9.prefix',
      'lanes.foo',
      'closures.length',
      'closures.5',
      '',
      'checkIn..earlyMinutes',
    ];
    for (const path of unknown) {
      expect(refusalOf(() => changeOffice(floor.ctx, commandLine, [{ path, value: 1 }])).code).toBe(
        'INVALID_CONFIG',
      );
    }
    expect(rowCounts(floor.store)).toEqual(before);
  });

  it('a path through __proto__ or constructor is refused and pollutes nothing', () => {
    const floor = floorAt('09:15');
    const before = rowCounts(floor.store);
    for (const path of ['__proto__.polluted', 'constructor.prototype.polluted', 'checkIn.__proto__']) {
      expect(refusalOf(() => changeOffice(floor.ctx, commandLine, [{ path, value: 'yes' }])).code).toBe(
        'INVALID_CONFIG',
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(rowCounts(floor.store)).toEqual(before);
  });

  it('a batch with one bad change changes nothing, not even the good ones', () => {
    const floor = floorAt('09:15');
    const error = refusalOf(() =>
      changeOffice(floor.ctx, commandLine, [
        { path: 'checkIn.lateMinutes', value: 45 },
        { path: 'lanes.1.prefix', value: 'A' },
      ]),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(floor.store.office.get().checkIn.lateMinutes).toBe(30);
  });

  it('a closure added as the next entry of the list is stored', () => {
    const floor = floorAt('09:15');
    const config = changeOffice(floor.ctx, commandLine, [
      { path: 'closures.0', value: { date: '2027-03-09', reason: 'Hari Raya Nyepi' } },
    ]);
    expect(config.closures).toEqual([{ date: '2027-03-09', reason: 'Hari Raya Nyepi' }]);
  });

  it('a good change is stored, logged as office.updated, and obeyed by the kiosk', () => {
    const floor = floorAt('07:40');
    floor.load([sampleAppointment(1)]);
    expect(refusedScan(floor, 'MPDPS-00001').code).toBe('TOO_EARLY');
    const config = changeOffice(floor.ctx, { stationId: null, actor: 'supervisor-1' }, [
      { path: 'checkIn.earlyMinutes', value: 90 },
    ]);
    expect(config.checkIn.earlyMinutes).toBe(90);
    expect(floor.store.office.get().checkIn).toEqual({ earlyMinutes: 90, lateMinutes: 30 });
    expect(eventsOfType(floor, 'office.updated')).toMatchObject([
      { actor: 'supervisor-1', payload: { changes: ['checkIn.earlyMinutes'] } },
    ]);
    expect(scan(floor, 'MPDPS-00001')).toMatchObject({ number: 'A2-001', arrival: 'early' });
  });
});

describe('a priority lane chosen at the kiosk', () => {
  it('an elderly citizen who taps "Lansia" gets a number in the elderly lane, and the claim is recorded', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1), sampleAppointment(2)]);
    const ticket = checkIn(floor.ctx, floor.kiosk, { text: 'MPDPS-00001', priority: 'lansia' });
    expect(ticket.number).toBe('B2-001');
    expect(ticket.lane).toMatchObject({ id: 'lansia', priority: true });
    expect(ticket.area.en).toBe('Priority waiting area');
    expect(eventsOfType(floor, 'ticket.issued').at(-1)?.payload).toMatchObject({ priorityClaimed: 'lansia' });
    // The next regular citizen is not pushed back in the regular lane's numbering.
    expect(scan(floor, 'MPDPS-00002').number).toBe('A2-001');
  });

  it('a late citizen who claims priority still waits on standby', () => {
    const floor = floorAt('10:45');
    floor.load([sampleAppointment(1)]);
    const ticket = checkIn(floor.ctx, floor.kiosk, { text: 'MPDPS-00001', priority: 'hamil' });
    expect(ticket.lane.id).toBe('standby');
    // The claim is kept, not dropped: the counter sees it on the standby ticket.
    expect(eventsOfType(floor, 'ticket.issued').at(-1)?.payload).toMatchObject({ priorityClaimed: 'hamil' });
    expect(floor.store.priorityClaims.forTicket(ticket.id)).toMatchObject({
      claimedLane: 'hamil',
      late: true,
    });
  });

  it('claiming priority on a second scan does not change the ticket already taken', () => {
    const floor = floorAt('09:15');
    floor.load([sampleAppointment(1)]);
    const first = scan(floor, 'MPDPS-00001');
    const again = checkIn(floor.ctx, floor.kiosk, { text: 'MPDPS-00001', priority: 'balita' });
    expect(again).toMatchObject({ number: first.number, repeated: true, lane: { id: 'regular' } });
  });
});
