import { fail, sbiProblem, type Problem } from './errors.ts';
import { jsonBody, sbiAgent, sbiCall, type SbiTarget, type VerbStyle } from './http.ts';
import { defaultPorts, discoveredEntrySchema, type DeviceStatus, type DigitalId } from './protocol.ts';
import { readDigitalId, type SbiReaderOptions } from './sbiReader.ts';

/**
 * SBI device discovery: every port of the range on 127.0.0.1 asked at once (MOSIPDISC, or POST
 * where a service refuses it), each with a short deadline, so a silent port costs no more than
 * that deadline and a closed one nothing. Whatever answers with something other than an SBI
 * device list is not a device and is passed over.
 */
export interface DiscoveryOptions {
  host?: string;
  /** Inclusive; the spec's 4501–4600 unless a test or a site says otherwise. */
  ports?: { from: number; to: number };
  /** Per port (ms). */
  timeoutMs?: number;
  /** `Finger` (the default) or `Biometric Device` for every kind. */
  type?: 'Finger' | 'Biometric Device';
  appName?: string;
}

export interface DiscoveredDevice {
  port: number;
  deviceId: string;
  status: DeviceStatus;
  /** `Registration`, `Auth`, or empty for an unregistered device. */
  purpose: string;
  deviceSubIds: number[];
  digitalId: DigitalId | null;
  certification: string;
  serviceVersion: string;
  specVersion: string[];
  callbackId: string;
  /** How the service took the verbs: `post` when it refused MOSIPDISC. */
  verbs: VerbStyle;
  problem: Problem | null;
}

export async function discoverSbiDevices(options: DiscoveryOptions = {}): Promise<DiscoveredDevice[]> {
  const host = options.host ?? '127.0.0.1';
  const { from, to } = options.ports ?? defaultPorts;
  const timeoutMs = options.timeoutMs ?? 1000;
  const agent = sbiAgent(timeoutMs);
  const ports = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  try {
    const found = await Promise.all(
      ports.map((port) =>
        askPort(
          { host, port, dispatcher: agent, appName: options.appName ?? 'Loket' },
          options.type ?? 'Finger',
          timeoutMs,
        ),
      ),
    );
    return found.flat();
  } finally {
    await agent.destroy();
  }
}

async function askPort(target: SbiTarget, type: string, timeoutMs: number): Promise<DiscoveredDevice[]> {
  let body: unknown;
  let verbs: VerbStyle;
  try {
    const response = await sbiCall(
      target,
      'discover',
      { type },
      { style: 'custom', signal: AbortSignal.timeout(timeoutMs) },
    );
    verbs = response.style;
    body = await jsonBody(response);
  } catch {
    return []; // nothing there, not HTTP, not JSON, or too slow: not a device
  }
  if (!Array.isArray(body)) return [];
  return body.flatMap((entry): DiscoveredDevice[] => {
    const parsed = discoveredEntrySchema.safeParse(entry);
    if (!parsed.success) return [];
    const device = parsed.data;
    const code = device.error?.errorCode ?? 0;
    return [
      {
        port: target.port,
        deviceId: device.deviceId,
        status: device.deviceStatus,
        purpose: device.purpose,
        deviceSubIds: device.deviceSubId,
        digitalId: readDigitalId(device.digitalId),
        certification: device.certification,
        serviceVersion: device.serviceVersion,
        specVersion: device.specVersion,
        callbackId: device.callbackId,
        verbs,
        problem: code === 0 ? null : sbiProblem(code, device.error?.errorInfo),
      },
    ];
  });
}

/** What `openSbiReader` needs to reach a discovered device. */
export function readerOptions(device: DiscoveredDevice): SbiReaderOptions {
  return {
    port: device.port,
    deviceId: device.deviceId,
    deviceSubIds: device.deviceSubIds,
    verbs: device.verbs,
  };
}

/**
 * The reader a registration counter should use: a finger device for registration, a ready one
 * before a busy one, the lowest port first. `no_device` when discovery found none.
 */
export function pickRegistrationReader(devices: readonly DiscoveredDevice[]): DiscoveredDevice {
  const usable = devices
    .filter((d) => d.purpose === 'Registration' && (d.digitalId?.type ?? 'Finger') === 'Finger')
    .sort((a, b) => Number(b.status === 'Ready') - Number(a.status === 'Ready') || a.port - b.port);
  const chosen = usable[0];
  if (!chosen) throw fail('no_device', `${devices.length} SBI devices found, none for finger registration`);
  return chosen;
}
