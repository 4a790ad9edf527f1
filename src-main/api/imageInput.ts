import { z } from 'zod';
import { decodeJpeg, maxPhotoBytes } from '../services/jpegImage.ts';

/**
 * Photos reach the hub as base64 JPEG inside the JSON body. They are checked here, at the
 * boundary (`services/jpegImage.ts` reads a JPEG's markers and size).
 */

/** A base64 JPEG in an operation's input; the handler decodes it with `decodeJpeg`. */
export const jpegInput = z
  .string()
  .max(Math.ceil(maxPhotoBytes / 3) * 4 + 4)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
  .refine((text) => decodeJpeg(text) !== null, 'not a JPEG image');
