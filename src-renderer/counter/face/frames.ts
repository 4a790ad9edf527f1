import type { Rect, Size } from './crop.ts';

/** 35 × 45 mm at 300 dpi: what the passport printer and the application record receive. */
export const photoPixels: Size = { width: 413, height: 531 };

export interface Frame {
  canvas: HTMLCanvasElement;
  pixels: ImageData;
}

/** The video's current picture at its full size, or null before the first frame has arrived. */
export function grabFrame(video: HTMLVideoElement): Frame | null {
  const { videoWidth: width, videoHeight: height } = video;
  if (width === 0 || height === 0) return null;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(video, 0, 0, width, height);
  return { canvas, pixels: context.getImageData(0, 0, width, height) };
}

export interface CroppedPhoto {
  jpeg: Blob;
  /** The same picture as a data: address, for showing it (the station's CSP allows no blob:). */
  preview: string;
}

/** The crop of the frame, scaled to the photo's pixels, as a JPEG. */
export async function cropToJpeg(frame: Frame, crop: Rect): Promise<CroppedPhoto> {
  const canvas = document.createElement('canvas');
  canvas.width = photoPixels.width;
  canvas.height = photoPixels.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.imageSmoothingQuality = 'high';
  context.drawImage(frame.canvas, crop.x, crop.y, crop.width, crop.height, 0, 0, canvas.width, canvas.height);
  const jpeg = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('JPEG encoding failed'))),
      'image/jpeg',
      0.92,
    ),
  );
  return { jpeg, preview: canvas.toDataURL('image/jpeg', 0.92) };
}
