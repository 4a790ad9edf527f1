import { SmsInputError } from './errors.ts';

/**
 * Indonesian mobile numbers as citizens write them on M-Paspor: `0812-3456-7890`, `62812…`,
 * `+62 812…`. All are the same subscriber, `+62` then a national number starting with 8 (9 to 12
 * digits). Spaces, dashes, dots and brackets between the digits are ignored.
 */
const forms = [/^\+62(8\d{8,11})$/, /^62(8\d{8,11})$/, /^0(8\d{8,11})$/];

/** The number in international form, `+6281234567890`, or an `INVALID_PHONE` error saying why not. */
export function normaliseIndonesianMobile(input: string): string {
  const compact = input.trim().replace(/[\s.()-]/g, '');
  for (const form of forms) {
    const national = form.exec(compact)?.[1];
    if (national) return `+62${national}`;
  }
  throw new SmsInputError(
    'INVALID_PHONE',
    `Not an Indonesian mobile number: "${input}" (expected 08…, 628… or +628…, 10 to 13 digits).`,
  );
}
