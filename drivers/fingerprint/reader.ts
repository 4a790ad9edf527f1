import type { FingerName } from './fingers.ts';
import type { Problem } from './errors.ts';
import type { ImageCompression } from './iso19794.ts';
import type { SignatureCheck } from './jws.ts';

/**
 * The seam every fingerprint reader fits: the SBI client implements it, and so could an adapter
 * around a vendor's SDK. It speaks of fingers, quality and images, never of applicants or visits.
 */
export interface FingerprintReader {
  /** What the reader is and whether it is ready; also refreshes `status`. */
  info(): Promise<ReaderInfo>;
  /** A live picture of the platen, for the officer to guide the applicant's hand. */
  preview(options?: PreviewOptions): Preview;
  /** One capture of one finger or one slap; rejects with a FingerprintError. */
  capture(request: CaptureRequest): Promise<CaptureResult>;
  /** The last status seen, null before the first answer. */
  readonly status: ReaderStatus | null;
  on(event: 'status', listener: (status: ReaderStatus) => void): this;
  off(event: 'status', listener: (status: ReaderStatus) => void): this;
  /** Stops previews and requests in flight; the reader cannot be used after. */
  close(): Promise<void>;
}

export type ReaderStatus = 'ready' | 'busy' | 'not_ready' | 'not_registered' | 'disconnected';

export interface ReaderInfo {
  status: ReaderStatus;
  deviceId: string;
  /** Platens: 1 left four, 2 right four, 3 thumbs; [0] for a single-finger reader. */
  deviceSubIds: number[];
  purpose: string;
  make: string;
  model: string;
  serialNo: string;
  firmware: string;
  certification: string;
  /** The device's own problem, when it reported one (busy, not registered …). */
  problem: Problem | null;
}

export interface CaptureRequest {
  /** The fingers wanted: one finger, or the fingers of one slap. */
  fingers: FingerName[];
  /** Fingers the applicant does not have or cannot give (SBI `exception`). */
  exceptions?: FingerName[];
  /** 0–100; the reader answers as soon as a frame reaches it, else its best frame at `timeoutMs`. */
  requestedScore: number;
  timeoutMs: number;
  /** The previous capture's hash in this transaction; the chain's start when omitted. */
  previousHash?: string;
  transactionId?: string;
}

export interface FingerCapture {
  finger: FingerName;
  /** 0–100, NFIQ 2 for fingerprints. */
  quality: number;
  image: { bytes: Buffer; compression: ImageCompression; width: number; height: number; ppi: number };
  /** The ISO/IEC 19794-4 record exactly as the reader sent it. */
  iso: Buffer;
  hash: string;
  /** The device's time of capture (ISO 8601). */
  capturedAt: string;
  signature: SignatureCheck;
}

export interface CaptureResult {
  transactionId: string;
  fingers: FingerCapture[];
  /** Fingers the reader could not give, each with its reason. */
  failed: Array<{ finger: FingerName | null; problem: Problem }>;
  /** The chain's last hash: the next capture's `previousHash`. */
  hash: string;
  /** Whether the fingers' average quality reached the requested score (the spec's threshold). */
  reachedRequestedScore: boolean;
}

export interface PreviewOptions {
  /** Which platen to show; the reader's first when omitted. */
  deviceSubId?: number;
  /** When the device should end the stream by itself (SBI default five minutes). */
  timeoutMs?: number;
}

export interface PreviewFrame {
  jpeg: Buffer;
  width: number;
  height: number;
  /** When the frame arrived (ms since the epoch). */
  at: number;
}

/** Frames until `stop()`, the stream's end, or a problem (thrown as a FingerprintError). */
export interface Preview extends AsyncIterable<PreviewFrame> {
  stop(): void;
}
