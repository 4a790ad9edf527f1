import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { floorWithTicket } from '../../support/migrations.ts';

describe('migration 017: booking codes typed without their dashes', () => {
  it('indexes the codes without dashes on the hub and the kiosk replica, and the lookup uses it', () => {
    const db = floorWithTicket(16);
    expect(migrate(db, 17)).toBe(1);
    expect(migrate(db, 17)).toBe(0);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM bookings WHERE replace(code, '-', '') = ?")
      .all('MPDPS00001') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('bookings_by_plain_code');
    expect(
      db.prepare("SELECT code FROM bookings WHERE replace(code, '-', '') = ?").pluck().get('MPDPS00001'),
    ).toBe('MPDPS-00001');
    const replicaPlan = db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM kiosk_bookings WHERE replace(code, '-', '') = ?")
      .all('X') as { detail: string }[];
    expect(replicaPlan.map((p) => p.detail).join(' ')).toContain('kiosk_bookings_by_plain_code');
  });
});
