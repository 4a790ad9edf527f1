import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Agent } from 'undici';
import { readCaptureResponse } from './capture.ts';
import { fail, FingerprintError, sbiProblem, type Problem } from './errors.ts';
import { isFingerName, slaps, type FingerName } from './fingers.ts';
import { chainStart, isHashHex } from './hashChain.ts';
import { jsonBody, sbiAgent, sbiCall, transportFailure, type SbiTarget, type VerbStyle } from './http.ts';
import { jpegSize } from './jpeg.ts';
import { decodeJws, JwsError } from './jws.ts';
import { boundaryOf, multipartParts } from './multipart.ts';
import {
  deviceInfoSchema,
  digitalIdSchema,
  infoEntrySchema,
  isoSeconds,
  isTransactionId,
  type DeviceStatus,
  type RCaptureBody,
} from './protocol.ts';
import type {
  CaptureRequest,
  CaptureResult,
  FingerprintReader,
  Preview,
  PreviewFrame,
  PreviewOptions,
  ReaderInfo,
  ReaderStatus,
} from './reader.ts';

/** Which SBI device service to talk to: `discoverSbiDevices` gives these for each device found. */
export interface SbiReaderOptions {
  port: number;
  deviceId: string;
  host?: string;
  /** The device's platens as discovery reported them; [0] for a single-finger reader. */
  deviceSubIds?: number[];
  /** `post` when the service is known to refuse the spec's custom verbs. */
  verbs?: VerbStyle;
  /** Deadline of an info call (ms). */
  requestTimeoutMs?: number;
  /** How long past a capture's own timeout the reader still waits for its answer (ms). */
  graceMs?: number;
  connectTimeoutMs?: number;
  appName?: string;
  /** The SBI `env` of capture requests. */
  env?: string;
  specVersion?: string;
}

const statusOf: Record<DeviceStatus, ReaderStatus> = {
  Ready: 'ready',
  Busy: 'busy',
  'Not Ready': 'not_ready',
  'Not Registered': 'not_registered',
};

/** The status a failed call leaves the reader in. */
function statusAfter(problem: Problem): ReaderStatus {
  switch (problem.code) {
    case 'sbi_111':
      return 'busy';
    case 'sbi_110':
      return 'not_ready';
    case 'sbi_100':
      return 'not_registered';
    case 'sbi_106':
    case 'sbi_202':
    case 'no_device':
    case 'device_lost':
    case 'timeout':
      return 'disconnected';
    default:
      return 'ready';
  }
}

/**
 * A fingerprint reader behind an SBI 1.0 device service (the registration purpose: RCAPTURE, with
 * the ISO image in the clear and signed). `status` events come on a change only.
 */
export class SbiFingerprintReader
  extends EventEmitter<{ status: [status: ReaderStatus] }>
  implements FingerprintReader
{
  readonly port: number;
  readonly deviceId: string;
  private readonly target: SbiTarget;
  private readonly agent: Agent;
  private readonly closing = new AbortController();
  private readonly options: Required<
    Omit<SbiReaderOptions, 'host' | 'port' | 'deviceId' | 'deviceSubIds' | 'verbs'>
  >;
  private style: VerbStyle;
  private subIds: number[];
  private current: ReaderStatus | null = null;

  constructor(options: SbiReaderOptions) {
    super();
    this.port = options.port;
    this.deviceId = options.deviceId;
    this.style = options.verbs ?? 'custom';
    this.subIds = options.deviceSubIds ?? [];
    this.options = {
      requestTimeoutMs: options.requestTimeoutMs ?? 5000,
      graceMs: options.graceMs ?? 5000,
      connectTimeoutMs: options.connectTimeoutMs ?? 1000,
      appName: options.appName ?? 'Loket',
      env: options.env ?? 'Production',
      specVersion: options.specVersion ?? '0.9.5',
    };
    this.agent = sbiAgent(this.options.connectTimeoutMs);
    this.target = {
      host: options.host ?? '127.0.0.1',
      port: options.port,
      dispatcher: this.agent,
      appName: this.options.appName,
    };
  }

  get status(): ReaderStatus | null {
    return this.current;
  }

  async info(): Promise<ReaderInfo> {
    const body = await this.call('info', { type: 'Finger' }, this.options.requestTimeoutMs);
    const entries = Array.isArray(body) ? body : [];
    const infos = entries.map((entry) => this.readInfo(entry));
    const info =
      infos.find((i) => i.deviceId === this.deviceId) ?? (infos.length === 1 ? infos[0] : undefined);
    if (!info)
      throw this.failed(
        fail('no_device', `device ${this.deviceId} is not among ${infos.length} at port ${this.port}`),
      );
    if (info.deviceSubIds.length) this.subIds = info.deviceSubIds;
    this.setStatus(info.status);
    return info;
  }

  /** Asks for `info()` every `intervalMs` so `status` follows the device; returns the stop. */
  watch(intervalMs: number): () => void {
    const timer = setInterval(() => {
      this.info().catch(() => undefined); // a failure already moved the status
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  async capture(request: CaptureRequest): Promise<CaptureResult> {
    const fingers = checkRequest(request);
    const previousHash = request.previousHash || chainStart;
    const transactionId = request.transactionId ?? `loket-${randomUUID()}`;
    if (!isTransactionId(transactionId))
      throw new TypeError(`transaction id ${transactionId} is not 4–50 letters, digits, hyphens`);
    const { deviceSubId, exceptions } = this.platen(fingers, request.exceptions ?? []);
    const body: RCaptureBody = {
      env: this.options.env,
      purpose: 'Registration',
      specVersion: this.options.specVersion,
      timeout: String(request.timeoutMs),
      captureTime: isoSeconds(new Date()),
      transactionId,
      bio: [
        {
          type: 'Finger',
          count: String(fingers.length),
          bioSubType: fingers,
          exception: exceptions,
          requestedScore: String(request.requestedScore),
          deviceId: this.deviceId,
          deviceSubId: String(deviceSubId),
          previousHash,
        },
      ],
      customOpts: null,
    };
    this.setStatus('busy');
    const answer = await this.call('capture', body, request.timeoutMs + this.options.graceMs);
    try {
      const result = readCaptureResponse(answer, {
        transactionId,
        fingers,
        previousHash,
        requestedScore: request.requestedScore,
      });
      this.setStatus('ready');
      return result;
    } catch (error) {
      throw this.failed(error);
    }
  }

  preview(options: PreviewOptions = {}): Preview {
    const stopping = new AbortController();
    const signal = AbortSignal.any([stopping.signal, this.closing.signal]);
    const body = {
      deviceId: this.deviceId,
      deviceSubId: String(options.deviceSubId ?? this.subIds[0] ?? 0),
      timeout: String(options.timeoutMs ?? 5 * 60_000),
    };
    const frames = async function* (this: SbiFingerprintReader): AsyncGenerator<PreviewFrame> {
      let response;
      try {
        response = await sbiCall(this.target, 'stream', body, { style: this.style, signal });
        this.style = response.style;
        if (!response.contentType.startsWith('multipart/')) {
          // No stream: the device says why in JSON (no device connected, busy …).
          const answer = await jsonBody(response);
          const error = infoEntrySchema.shape.error.safeParse((answer as { error?: unknown }).error);
          throw error.success && error.data
            ? new FingerprintError(sbiProblem(error.data.errorCode, error.data.errorInfo))
            : fail('malformed_response', 'the stream is not multipart');
        }
        const boundary = boundaryOf(response.contentType);
        if (!boundary) throw fail('malformed_response', `no boundary in ${response.contentType}`);
        for await (const part of multipartParts(response.body, boundary)) {
          const size = jpegSize(part.body);
          if (!size) throw fail('malformed_response', 'a preview frame is not a JPEG image');
          yield { jpeg: part.body, ...size, at: Date.now() };
        }
      } catch (error) {
        if (signal.aborted) return; // stopped: the end of the preview, not a problem
        throw this.failed(error);
      } finally {
        stopping.abort();
        response?.body.destroy();
      }
    }.bind(this);
    return { [Symbol.asyncIterator]: frames, stop: () => stopping.abort() };
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.agent.destroy();
  }

  private async call(operation: 'info' | 'capture', body: unknown, deadlineMs: number): Promise<unknown> {
    const deadline = AbortSignal.timeout(deadlineMs);
    const signal = AbortSignal.any([deadline, this.closing.signal]);
    try {
      const response = await sbiCall(this.target, operation, body, { style: this.style, signal });
      this.style = response.style;
      return await jsonBody(response);
    } catch (error) {
      throw this.failed(transportFailure(error, deadline.aborted));
    }
  }

  private failed(error: unknown): unknown {
    if (error instanceof FingerprintError) this.setStatus(statusAfter(error.problem));
    return error;
  }

  private setStatus(status: ReaderStatus): void {
    if (status === this.current) return;
    this.current = status;
    this.emit('status', status);
  }

  private readInfo(entry: unknown): ReaderInfo {
    const parsed = infoEntrySchema.safeParse(entry);
    if (!parsed.success) throw this.failed(fail('malformed_response', 'a device info entry is not one'));
    let payload: unknown;
    try {
      payload = decodeJws(parsed.data.deviceInfo).payload;
    } catch (error) {
      const bad = error instanceof JwsError && error.badSignature;
      throw this.failed(
        fail(bad ? 'signature_invalid' : 'malformed_response', `deviceInfo: ${(error as Error).message}`),
      );
    }
    const info = deviceInfoSchema.safeParse(payload);
    if (!info.success)
      throw this.failed(fail('malformed_response', `deviceInfo: ${info.error.issues[0]?.message}`));
    const digital = readDigitalId(info.data.digitalId);
    const code = parsed.data.error?.errorCode ?? 0;
    return {
      status: statusOf[info.data.deviceStatus],
      deviceId: info.data.deviceId,
      deviceSubIds: info.data.deviceSubId,
      purpose: info.data.purpose,
      make: digital?.make ?? '',
      model: digital?.model ?? '',
      serialNo: digital?.serialNo ?? info.data.deviceCode,
      firmware: info.data.firmware,
      certification: info.data.certification,
      problem: code === 0 ? null : sbiProblem(code, parsed.data.error?.errorInfo),
    };
  }

  /** The platen a capture uses, and what it leaves out: on a slap reader, the slap's other fingers. */
  private platen(
    fingers: FingerName[],
    exceptions: FingerName[],
  ): { deviceSubId: number; exceptions: FingerName[] } {
    if (!this.subIds.some((id) => id >= 1 && id <= 3))
      return { deviceSubId: this.subIds[0] ?? 0, exceptions };
    const slap = Object.values(slaps).find((s) => fingers.every((f) => s.fingers.includes(f)));
    if (!slap || !this.subIds.includes(slap.deviceSubId))
      throw new FingerprintError(
        sbiProblem(109),
        `${fingers.join(', ')} are not on one platen of this reader`,
      );
    const left = slap.fingers.filter((f) => !fingers.includes(f));
    return { deviceSubId: slap.deviceSubId, exceptions: [...new Set([...exceptions, ...left])] };
  }
}

function checkRequest(request: CaptureRequest): FingerName[] {
  const fingers = [...new Set(request.fingers)];
  if (!fingers.length || !fingers.every(isFingerName))
    throw new TypeError(`fingers ${request.fingers.join(', ')}`);
  if (!(request.requestedScore >= 0 && request.requestedScore <= 100))
    throw new TypeError('requestedScore is 0–100');
  if (!(request.timeoutMs > 0)) throw new TypeError('timeoutMs must be positive');
  if (request.previousHash && !isHashHex(request.previousHash))
    throw new TypeError('previousHash is 64 hex digits');
  return fingers;
}

/** A digital ID is a JWS once the device is registered, its bare payload before. */
export function readDigitalId(text: string): ReturnType<typeof digitalIdSchema.parse> | null {
  if (!text) return null;
  try {
    const parsed = digitalIdSchema.safeParse(decodeJws(text).payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function openSbiReader(options: SbiReaderOptions): SbiFingerprintReader {
  return new SbiFingerprintReader(options);
}
