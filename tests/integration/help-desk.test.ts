import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../src-main/api/invoke.ts';
import { isLoketError, type LoketError } from '../../src-main/domain/errors.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { addUser, signIn } from '../../src-main/services/officers.ts';
import { addStation } from '../../src-main/services/stations.ts';
import type { Station } from '../../src-main/store/stations.ts';
import { sampleAppointment } from '../support/bookings.ts';
import { at, makeFloor, rowCounts, type TestFloor } from '../support/floor.ts';

/**
 * The help desk's operations through the contract's door, as the desk's page calls them: the
 * kiosk's rules hold for a check-in on a citizen's behalf, an unknown code gets an unverified
 * ticket only while the appointment list is unreachable, and bad input changes nothing.
 */
let floor: TestFloor;
let desk: Station;

beforeEach(() => {
  floor = makeFloor({ now: at('2026-11-30', '07:50') });
  floor.load([
    sampleAppointment(1, { windowStart: '09:00', windowEnd: '10:00' }),
    sampleAppointment(2, { windowStart: '08:00', windowEnd: '09:00' }),
  ]);
  addUser(floor.ctx, commandLine, {
    username: 'ayu',
    name: 'Ayu Lestari',
    role: 'officer',
    secret: '246810',
  });
  desk = addStation(floor.ctx, commandLine, { mode: 'helpdesk', name: 'Meja bantuan' }).station;
  signIn(floor.ctx, desk, { username: 'ayu', secret: '246810' });
});

afterEach(() => floor.close());

const call = (name: string, input: unknown) => invoke(floor.ctx, desk, name, input) as any;

function refusal(run: () => unknown): LoketError {
  try {
    run();
  } catch (error) {
    if (isLoketError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the help desk on the hub', () => {
  it('a citizen 70 minutes early is told when to come back, as at the kiosk, and nothing is written', () => {
    const before = rowCounts(floor.store);
    const error = refusal(() => call('helpDeskCheckIn', { bookingCode: 'MPDPS-00001' }));
    expect(error.code).toBe('TOO_EARLY');
    expect(error.details).toEqual({ comeBackAt: '08:00' });
    expect(rowCounts(floor.store)).toEqual(before);
  });

  it('checks an on-time citizen in by a code typed without its dash; the look-up then shows the ticket', () => {
    const { ticket, citizen } = call('helpDeskCheckIn', { bookingCode: 'mpdps00002' });
    expect(ticket.number).toBe('A1-001');
    expect(citizen).toMatchObject({ bookingCode: 'MPDPS-00002', ticket: { number: 'A1-001', printed: 0 } });
    // Asked again, the same ticket: one per booking and day.
    expect(call('helpDeskCheckIn', { bookingCode: 'MPDPS-00002' }).ticket).toMatchObject({
      id: ticket.id,
      repeated: true,
    });
    expect(floor.store.events.ofTypeSince('helpdesk.checkedIn', 0)).toHaveLength(1);
    const found = call('helpDeskSearch', { query: sampleAppointment(2).nik });
    expect(found.kind).toBe('nik');
    expect(found.results[0]).toMatchObject({
      ticket: { id: ticket.id, reprintsLeft: 3 },
      visit: { called: false, status: 'waiting' },
    });
  });

  it('an unknown code is refused while the appointment list is healthy, and gets an unverified ticket once it is unreachable', () => {
    floor.clock.set(at('2026-11-30', '09:15'));
    signIn(floor.ctx, desk, { username: 'ayu', secret: '246810' }); // the idle lock took the early session
    expect(call('helpDeskSearch', { query: 'MPDPS-77777' })).toMatchObject({
      results: [],
      unverifiedAllowed: false,
    });
    expect(refusal(() => call('helpDeskCheckIn', { bookingCode: 'MPDPS-77777' })).code).toBe(
      'UNKNOWN_BOOKING',
    );

    floor.store.appointmentFeed.configure({
      url: 'http://127.0.0.1:9/appointments',
      token: null,
      intervalMinutes: 15,
      timeoutSeconds: 10,
      configuredAt: at('2026-11-30', '07:00'),
    });
    floor.store.appointmentFeed.recordFailure(at('2026-11-30', '09:10'), {
      code: 'FEED_UNREACHABLE',
      message: { id: 'Tidak terjangkau', en: 'Unreachable' },
    });
    expect(call('helpDeskSearch', { query: 'MPDPS-77777' }).unverifiedAllowed).toBe(true);
    const { ticket } = call('helpDeskCheckIn', { bookingCode: 'MPDPS-77777' });
    expect(ticket.unverified).toBe(true);
    expect(call('helpDeskSearch', { query: 'mpdps 77777' }).results[0]).toMatchObject({
      unverified: true,
      ticket: { number: ticket.number, unverified: true },
    });
  });

  it('a name query of fewer than three letters is refused in words and logs no look-up', () => {
    const before = rowCounts(floor.store);
    const error = refusal(() => call('helpDeskSearch', { query: 'a b' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.text.id).toBe('Ketik paling sedikit 3 huruf nama.');
    expect(rowCounts(floor.store)).toEqual(before);
  });
});
