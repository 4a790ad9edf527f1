import { FingerprintError } from '../../drivers/fingerprint/errors.ts';
import { failure } from '../api/bridge.ts';
import { contract } from '../api/contract.ts';
import { fingerOfSbiName, fingerprintDeviceError, sbiFingerName } from '../services/fingerprints.ts';
import type { HubClient } from './hubClient.ts';
import type { FingerprintReaders } from '../devices/fingerprintReaders.ts';

/** The key under which a station's own reader sits in its `FingerprintReaders`. */
const own = 'this-station';

/**
 * An interview counter whose hub is on another PC, with the fingerprint reader in its own cabinet
 * (SBI on this PC's loopback): the hub says what to capture next, this PC's reader captures it,
 * and the ISO records go to the hub, which reads them and continues the hash chain itself. The
 * reader's live picture is served here too. Everything else goes to the hub as it came.
 */
export function withOwnFingerprintReader(hub: HubClient, readers: FingerprintReaders): HubClient {
  const capture = async (input: unknown) => {
    const parsed = contract.captureFingerprint.input.safeParse(input);
    if (!parsed.success) return hub.call('captureFingerprint', input);
    const asked = await hub.call('fingerprintRequest', parsed.data);
    if (!asked.ok) return asked;
    const request = contract.fingerprintRequest.output.parse(asked.value);
    try {
      const reader = await readers.readerFor(own);
      const result = await reader.capture({
        fingers: request.fingers.map(sbiFingerName),
        requestedScore: request.requestedScore,
        timeoutMs: request.timeoutMs,
        ...(request.previousHash ? { previousHash: request.previousHash } : {}),
      });
      return hub.call('recordFingerprintCapture', {
        ...parsed.data,
        captures: result.fingers.map((f) => ({
          finger: fingerOfSbiName(f.finger),
          iso: f.iso.toString('base64'),
        })),
        failed: result.failed.map((f) => f.problem.code),
        transactionId: result.transactionId,
      });
    } catch (error) {
      return failure(error instanceof FingerprintError ? fingerprintDeviceError(error) : error);
    }
  };
  const preview = async () => {
    try {
      const frame = await readers.previewFrame(own);
      return {
        ok: true as const,
        value: frame
          ? { jpeg: frame.jpeg.toString('base64'), width: frame.width, height: frame.height }
          : { jpeg: null, width: 0, height: 0 },
      };
    } catch (error) {
      return failure(error instanceof FingerprintError ? fingerprintDeviceError(error) : error);
    }
  };
  return {
    url: hub.url,
    call: (name, input, options) =>
      name === 'captureFingerprint'
        ? capture(input)
        : name === 'fingerprintPreview'
          ? preview()
          : hub.call(name, input, options),
  };
}

/** The readers of a station that drives its own: one, under the station's own key. */
export function ownReaderConfig(config: unknown): (stationId: string) => unknown {
  return (stationId) => (stationId === own ? config : null);
}
