import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../src-main/hub/groupCommit.ts';
import { checkIn } from '../../../src-main/services/checkIn.ts';
import { sampleAppointment } from '../../support/bookings.ts';
import { makeFloor, rowCounts, type TestFloor } from '../../support/floor.ts';

let floor: TestFloor;
afterEach(() => floor.close());

describe('check-ins that reach the hub together share one commit', () => {
  it('a refused check-in in the same batch writes nothing while the others are kept', async () => {
    floor = makeFloor({ onDisk: true });
    floor.load([1, 2, 3, 4].map((i) => sampleAppointment(i)));
    const commits = new GroupCommit(floor.store);
    const before = rowCounts(floor.store);
    const scan = (text: string) => commits.submit(() => checkIn(floor.ctx, floor.kiosk, { text }));

    const outcomes = await Promise.allSettled([
      scan('MPDPS-00001'),
      scan('MPDPS-99999'), // unknown booking
      scan('MPDPS-00002'),
      scan('%%%'), // not a code at all
      scan('MPDPS-00003'),
    ]);

    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.number : 'refused'))).toEqual([
      'A2-001',
      'refused',
      'A2-002',
      'refused',
      'A2-003',
    ]);
    expect(rowCounts(floor.store).tickets).toBe((before.tickets ?? 0) + 3);
    expect(rowCounts(floor.store).events).toBe((before.events ?? 0) + 3);
  });

  it('a use case that fails after writing is rolled back alone', async () => {
    floor = makeFloor();
    floor.load([sampleAppointment(1), sampleAppointment(2)]);
    const commits = new GroupCommit(floor.store);
    const failing = commits.submit(() =>
      floor.store.transaction(() => {
        checkIn(floor.ctx, floor.kiosk, { text: 'MPDPS-00001' });
        throw new Error('printer exploded mid-transaction');
      }),
    );
    const fine = commits.submit(() => checkIn(floor.ctx, floor.kiosk, { text: 'MPDPS-00002' }));

    await expect(failing).rejects.toThrow('printer exploded');
    // The counter the failed check-in took was rolled back with it: the survivor gets number 1.
    expect((await fine).number).toBe('A2-001');
    expect(floor.store.tickets.listForDay('2026-11-30').map((t) => t.bookingCode)).toEqual(['MPDPS-00002']);
  });

  it('answers nobody in a batch whose commit fails', async () => {
    floor = makeFloor();
    floor.load([sampleAppointment(1)]);
    const commits = new GroupCommit(floor.store);
    // A deferred foreign key is only checked at COMMIT: the whole batch's commit fails.
    floor.store.db.pragma('defer_foreign_keys = ON');
    const good = commits.submit(() => checkIn(floor.ctx, floor.kiosk, { text: 'MPDPS-00001' }));
    const orphan = commits.submit(() =>
      floor.store.transaction(() => {
        floor.store.db.pragma('defer_foreign_keys = ON');
        floor.store.db
          .prepare(
            `INSERT INTO tickets (id, office_date, number, lane, window_number, sequence, booking_code, status,
              arrival, window_start, window_end, expected_call, issued_at)
             VALUES ('x', '2026-11-30', 'Z9-999', 'regular', 9, 999, 'NO-SUCH-BOOKING', 'waiting', 'on_time',
              '09:00', '10:00', '09:00', 0)`,
          )
          .run();
      }),
    );
    await expect(good).rejects.toThrow(/FOREIGN KEY/);
    await expect(orphan).rejects.toThrow(/FOREIGN KEY/);
    expect(floor.store.tickets.listForDay('2026-11-30')).toEqual([]);
  });
});
