/**
 * What a citizen applies for: a first passport, a replacement of an expired one or one whose pages
 * are full, or of one lost or damaged (which waits for the BAP). Its own file so that the office
 * configuration (pickup working days per kind) and the appointment list share one list.
 */
export const applicationKinds = ['baru', 'habis_berlaku', 'halaman_penuh', 'hilang', 'rusak'] as const;
export type ApplicationKind = (typeof applicationKinds)[number];
