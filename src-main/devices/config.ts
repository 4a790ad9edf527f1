import fs from 'node:fs';
import { z } from 'zod';

/**
 * A station's devices as configured: one ticket printer and one scanner, each on a transport with
 * its address and options. The same shapes live in `station.json` (a desktop station drives its
 * own devices) and in the hub's database (the hub drives the devices of browser stations).
 */

const host = z.string().regex(/^[A-Za-z0-9.-]{1,253}$|^[0-9a-fA-F:]{2,39}$/, 'a host name or IP address');
/** `/dev/ttyUSB0`, `/dev/serial/by-id/usb-…`, `/dev/usb/lp0`, `COM3`: a device path, nothing else. */
const devicePath = z
  .string()
  .min(2)
  .max(255)
  .regex(/^(?:\/[A-Za-z0-9._:+@=-]+)+$|^COM[0-9]{1,3}$/, 'a device path like /dev/ttyUSB0 or COM3')
  .refine(
    (path) => !path.split('/').some((part) => part === '.' || part === '..'),
    'a device path without . or ..',
  );

const serialLine = {
  path: devicePath,
  baudRate: z.number().int().min(300).max(4_000_000).optional(),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).optional(),
  parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).optional(),
  stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).optional(),
};

/** False for a slow line: the logo is 4.6 KB of raster, about 5 s at 9600 baud. */
const logo = z.boolean().optional();

export const printerConfigSchema = z.discriminatedUnion('transport', [
  z.object({ transport: z.literal('tcp'), host, port: z.number().int().min(1).max(65535) }).strict(),
  z.object({ transport: z.literal('serial'), ...serialLine, rtscts: z.boolean().optional(), logo }).strict(),
  z
    .object({
      transport: z.literal('usb'),
      path: devicePath,
      /** `none` for a printer whose USB port sends no status back. */
      status: z.enum(['dle-eot', 'none']).optional(),
      logo,
    })
    .strict(),
  /** A printer inside Loket that keeps what it printed and fails on command (training, tests). */
  z.object({ transport: z.literal('simulator') }).strict(),
]);

const terminator = z.union([
  z.enum(['CR', 'CRLF', 'LF']),
  z.object({ custom: z.string().min(1).max(4) }).strict(),
]);
const hexId = z.number().int().min(0).max(0xffff);

export const scannerConfigSchema = z.preprocess(
  // station.json files written before the device manager said `{ "kind": "wedge" }`.
  (value) =>
    value && typeof value === 'object' && (value as { kind?: unknown }).kind === 'wedge'
      ? { transport: 'wedge' }
      : value,
  z.discriminatedUnion('transport', [
    /** A scanner acting as a keyboard: the kiosk page reads it. */
    z.object({ transport: z.literal('wedge') }).strict(),
    z
      .object({
        transport: z.literal('serial'),
        ...serialLine,
        prefix: z.string().max(8).optional(),
        terminator: terminator.optional(),
      })
      .strict(),
    z
      .object({
        transport: z.literal('hid'),
        path: devicePath.optional(),
        vendorId: hexId.optional(),
        productId: hexId.optional(),
        serialNumber: z.string().max(64).optional(),
      })
      .strict()
      .refine((c) => c.path !== undefined || (c.vendorId !== undefined && c.productId !== undefined), {
        message: 'a HID scanner needs its path or its vendor and product id',
      }),
    /** Takes scans from the supervisor console or a test (training, tests). */
    z.object({ transport: z.literal('simulator') }).strict(),
  ]),
);

export const stationDevicesSchema = z
  .object({ ticketPrinter: printerConfigSchema.nullable(), scanner: scannerConfigSchema })
  .strict();

export type PrinterConfig = z.infer<typeof printerConfigSchema>;
export type ScannerConfig = z.infer<typeof scannerConfigSchema>;
export type StationDevices = z.infer<typeof stationDevicesSchema>;
export type DeviceSlot = keyof StationDevices;

export const noDevices: StationDevices = { ticketPrinter: null, scanner: { transport: 'wedge' } };

/** Does Loket itself open this device (rather than the page, or nobody)? */
export const isDriven = (devices: StationDevices): boolean =>
  devices.ticketPrinter !== null || devices.scanner.transport !== 'wedge';

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** The address as `loket station printer|scanner` takes it and the screens show it. */
export function deviceAddress(config: PrinterConfig | ScannerConfig): string {
  switch (config.transport) {
    case 'tcp':
      return `tcp://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    case 'serial': {
      const options = new URLSearchParams();
      if (config.baudRate) options.set('baud', String(config.baudRate));
      return `serial://${config.path}${options.size ? `?${options}` : ''}`;
    }
    case 'usb':
      return `usb://${config.path}`;
    case 'hid':
      return config.path
        ? `hid://${config.path}`
        : `hid://${hex4(config.vendorId ?? 0)}:${hex4(config.productId ?? 0)}`;
    case 'wedge':
    case 'simulator':
      return config.transport;
  }
}

/** Why an address was refused, for the command line and the set-up screen. */
export class DeviceAddressError extends Error {}

const numberOption = (params: URLSearchParams, name: string): number | undefined => {
  const value = params.get(name);
  if (value === null) return undefined;
  if (!/^\d+(?:\.5)?$/.test(value)) throw new DeviceAddressError(`${name}=${value} is not a number`);
  return Number(value);
};

/** `rtscts=1` / `logo=0`: a switch, 1 or 0. */
const flagOption = (params: URLSearchParams, name: string): boolean | undefined => {
  const value = params.get(name);
  if (value === null) return undefined;
  if (value !== '0' && value !== '1') throw new DeviceAddressError(`${name}=${value} is not 0 or 1`);
  return value === '1';
};

/** Whether tickets on this printer carry the logo (yes, unless the address says `logo=0`). */
export const printsLogo = (printer: PrinterConfig): boolean => !('logo' in printer) || printer.logo !== false;

/** `serial:///dev/ttyUSB0?baud=19200&parity=even`: the path and the line options. */
function serialOptions(rest: string) {
  const [pathPart = '', query = ''] = rest.split('?', 2);
  const params = new URLSearchParams(query);
  const known = new Set([
    'baud',
    'databits',
    'parity',
    'stopbits',
    'rtscts',
    'prefix',
    'terminator',
    'status',
    'logo',
  ]);
  for (const name of params.keys())
    if (!known.has(name)) throw new DeviceAddressError(`unknown option ${name}`);
  return { path: pathPart, params };
}

/** The path and line settings of a `serial://PATH?baud=…` address, and its other options. */
function serialLineOf(value: string) {
  const { path, params } = serialOptions(value.slice('serial://'.length));
  const line = {
    transport: 'serial',
    path,
    ...definedOnly({
      baudRate: numberOption(params, 'baud'),
      dataBits: numberOption(params, 'databits'),
      parity: params.get('parity') ?? undefined,
      stopBits: numberOption(params, 'stopbits'),
    }),
  };
  return { line, params };
}

/**
 * Reads a printer address: `tcp://HOST[:PORT]`, `serial://PATH[?baud=N&rtscts=1]`,
 * `usb://PATH[?status=none]` or `simulator`. Checked against the schema, so what it returns can be
 * stored as it is.
 */
export function parsePrinterAddress(text: string): PrinterConfig {
  const value = text.trim();
  let candidate: unknown;
  if (value === 'simulator') candidate = { transport: 'simulator' };
  else if (value.startsWith('tcp://')) {
    const match = /^tcp:\/\/([A-Za-z0-9.-]{1,253}|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?$/.exec(value);
    if (!match) throw new DeviceAddressError(`not a network printer address: ${value} (tcp://HOST[:PORT])`);
    candidate = {
      transport: 'tcp',
      host: (match[1] as string).replace(/^\[|\]$/g, ''),
      port: Number(match[2] ?? 9100),
    };
  } else if (value.startsWith('serial://')) {
    const { line, params } = serialLineOf(value);
    candidate = {
      ...line,
      ...definedOnly({ rtscts: flagOption(params, 'rtscts'), logo: flagOption(params, 'logo') }),
    };
  } else if (value.startsWith('usb://')) {
    const { path, params } = serialOptions(value.slice('usb://'.length));
    candidate = {
      transport: 'usb',
      path,
      ...definedOnly({ status: params.get('status') ?? undefined, logo: flagOption(params, 'logo') }),
    };
  } else {
    throw new DeviceAddressError(
      `not a printer address: ${value} (tcp://HOST[:PORT], serial://PATH, usb://PATH or simulator)`,
    );
  }
  return deviceNodeChecked(checked(printerConfigSchema, candidate, value), value);
}

/**
 * Reads a scanner address: `wedge`, `serial://PATH[?baud=N&terminator=CRLF&prefix=…]`,
 * `hid://VVVV:PPPP` (vendor and product id in hex), `hid://PATH` or `simulator`.
 */
export function parseScannerAddress(text: string): ScannerConfig {
  const value = text.trim();
  let candidate: unknown;
  if (value === 'wedge' || value === 'simulator') candidate = { transport: value };
  else if (value.startsWith('serial://')) {
    const { line, params } = serialLineOf(value);
    candidate = {
      ...line,
      ...definedOnly({
        prefix: params.get('prefix') ?? undefined,
        terminator: params.get('terminator') ?? undefined,
      }),
    };
  } else if (value.startsWith('hid://')) {
    const rest = value.slice('hid://'.length);
    const ids = /^([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$/.exec(rest);
    candidate = ids
      ? {
          transport: 'hid',
          vendorId: parseInt(ids[1] as string, 16),
          productId: parseInt(ids[2] as string, 16),
        }
      : { transport: 'hid', path: rest };
  } else {
    throw new DeviceAddressError(
      `not a scanner address: ${value} (wedge, serial://PATH, hid://VVVV:PPPP, hid://PATH or simulator)`,
    );
  }
  return deviceNodeChecked(checked(scannerConfigSchema, candidate, value), value);
}

/**
 * A device address names a character device, or a path where one may appear (a printer plugged in
 * later, `COM3`): never an existing file, directory or pipe, which the driver would read or
 * overwrite (`serial:///etc/passwd`).
 */
function deviceNodeChecked<T extends { transport: string }>(config: T, text: string): T {
  const path = 'path' in config && typeof config.path === 'string' ? config.path : null;
  if (path === null) return config;
  let stats: fs.Stats;
  try {
    stats = fs.statSync(path);
  } catch {
    return config; // not there (yet)
  }
  if (!stats.isCharacterDevice()) {
    const what = stats.isFile() ? 'a regular file' : stats.isDirectory() ? 'a directory' : 'not a device';
    throw new DeviceAddressError(
      `${text}: ${path} is ${what}, not a character device (/dev/ttyUSB0, /dev/usb/lp0)`,
    );
  }
  return config;
}

function definedOnly<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checked<T>(schema: z.ZodType<T>, candidate: unknown, text: string): T {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new DeviceAddressError(`${text}: ${issue?.path.join('.') || 'address'}: ${issue?.message}`);
}
