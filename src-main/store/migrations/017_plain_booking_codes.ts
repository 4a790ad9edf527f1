import type { Migration } from './index.ts';

/**
 * Booking codes typed without their dashes (`LAT261202046` for `LAT-261202-046`) are found through
 * an index on the code without dashes, on the hub's bookings and a kiosk replica's alike.
 */
export const plainBookingCodes: Migration = {
  version: 17,
  name: 'plain_booking_codes',
  up(db) {
    db.exec(`
      CREATE INDEX bookings_by_plain_code ON bookings (replace(code, '-', ''));
      CREATE INDEX kiosk_bookings_by_plain_code ON kiosk_bookings (replace(code, '-', ''));
    `);
  },
};
