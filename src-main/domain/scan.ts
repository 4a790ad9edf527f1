import { LoketError } from './errors.ts';

/** What a citizen presented at the kiosk: a booking code or a NIK, plus an office when the QR names one. */
export type ScannedBooking =
  { kind: 'code'; bookingCode: string; office?: string } | { kind: 'nik'; nik: string; office?: string };

export const bookingCodePattern = /^[A-Z0-9-]{6,32}$/;
export const maxScanLength = 2048;

const invalid = (why: string) =>
  new LoketError(
    'INVALID_SCAN',
    {
      id: 'Kode tidak dapat dibaca. Pindai ulang QR dari aplikasi M-Paspor, atau ketik kode booking / NIK Anda.',
      en: 'The code could not be read. Scan the QR from the M-Paspor app again, or type your booking code / NIK.',
    },
    { why },
  );

/** A code as typed: any case, spaces where the dashes go (`lat 261202 046`). */
export function normaliseBookingCode(text: string): string | null {
  const code = text.trim().toUpperCase().replace(/\s+/g, '');
  return bookingCodePattern.test(code) ? code : null;
}

/**
 * A booking code without its dashes: how a code typed without them (`LAT261202046`) still finds
 * `LAT-261202-046`. The store looks codes up by this form when the exact one is not known.
 */
export const plainBookingCode = (code: string): string => code.replace(/-/g, '');

/**
 * Reads the raw text a scanner or keyboard produced. Accepts a booking code, a URL whose `code` /
 * `kode` query parameter or last path segment is the booking code, a JSON object with `code`,
 * `bookingCode` or `kode`, or a 16-digit NIK.
 */
export function readScan(raw: string): ScannedBooking {
  if (raw.length > maxScanLength) throw invalid('too long');
  // Scanners add CR/LF, tabs or a prefix of control characters; none belong to a code.
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!text) throw invalid('empty');

  if (text.startsWith('{')) return fromJson(text);
  if (/^https?:\/\//i.test(text)) return fromUrl(text);
  if (/^\d{16}$/.test(text)) return { kind: 'nik', nik: text };
  const code = normaliseBookingCode(text);
  if (code) return { kind: 'code', bookingCode: code };
  throw invalid('not a booking code, NIK, URL or JSON');
}

function fromJson(text: string): ScannedBooking {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('malformed JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid('JSON is not an object');
  const record = value as Record<string, unknown>;
  const office =
    typeof record.office === 'string'
      ? record.office
      : typeof record.kantor === 'string'
        ? record.kantor
        : undefined;
  for (const key of ['code', 'bookingCode', 'kode']) {
    const field = record[key];
    if (typeof field === 'string') {
      const code = normaliseBookingCode(field);
      if (!code) throw invalid(`JSON ${key} is not a booking code`);
      return withOffice({ kind: 'code', bookingCode: code }, office);
    }
  }
  if (typeof record.nik === 'string' && /^\d{16}$/.test(record.nik)) {
    return withOffice({ kind: 'nik', nik: record.nik }, office);
  }
  throw invalid('JSON has no code, bookingCode or kode');
}

function fromUrl(text: string): ScannedBooking {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('malformed URL');
  }
  const office = url.searchParams.get('office') ?? url.searchParams.get('kantor') ?? undefined;
  const fromQuery = url.searchParams.get('code') ?? url.searchParams.get('kode');
  const segments = url.pathname.split('/').filter(Boolean);
  const candidate =
    fromQuery ?? (segments.length ? decodeSegment(segments[segments.length - 1] as string) : '');
  const code = normaliseBookingCode(candidate);
  if (!code) throw invalid('URL carries no booking code');
  return withOffice({ kind: 'code', bookingCode: code }, office);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function withOffice(scan: ScannedBooking, office: string | undefined): ScannedBooking {
  return office ? { ...scan, office: office.trim().toUpperCase() } : scan;
}
