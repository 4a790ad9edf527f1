/**
 * Real-time status (DLE EOT n) as the ESC/POS reference defines each reply byte. Every reply has
 * bit 1 and bit 4 set and bits 0 and 7 clear; a byte that does not is not a status reply.
 */
export const DLE_EOT = { printer: 1, offlineCause: 2, errorCause: 3, paperSensor: 4 } as const;
export type StatusQuery = keyof typeof DLE_EOT;

/** The four query commands, in the order their replies arrive. */
export const statusQueries: readonly StatusQuery[] = ['printer', 'offlineCause', 'errorCause', 'paperSensor'];
export const statusCommand = (query: StatusQuery): Uint8Array => Uint8Array.of(0x10, 0x04, DLE_EOT[query]);

const bit = (byte: number, n: number): boolean => ((byte >> n) & 1) === 1;

export const isStatusReply = (byte: number): boolean => (byte & 0b1001_0011) === 0b0001_0010;

/** n = 1: printer status. */
export function parsePrinterByte(byte: number) {
  if (!isStatusReply(byte)) return null;
  return {
    drawerPin3High: bit(byte, 2),
    offline: bit(byte, 3),
    waitingForRecovery: bit(byte, 5),
    feedButton: bit(byte, 6),
  };
}

/** n = 2: why the printer is offline. */
export function parseOfflineCauseByte(byte: number) {
  if (!isStatusReply(byte)) return null;
  return {
    coverOpen: bit(byte, 2),
    feedingByButton: bit(byte, 3),
    stoppedByPaperEnd: bit(byte, 5),
    errorOccurred: bit(byte, 6),
  };
}

/** n = 3: which error. Bit 2 is unused in the reference. */
export function parseErrorCauseByte(byte: number) {
  if (!isStatusReply(byte)) return null;
  return {
    autocutterError: bit(byte, 3),
    unrecoverableError: bit(byte, 5),
    autoRecoverableError: bit(byte, 6),
  };
}

/**
 * n = 4: the roll paper sensors. The reference sets both bits of a pair together (2–3 near end,
 * 5–6 end); some clones set only one, so either one counts.
 */
export function parsePaperSensorByte(byte: number) {
  if (!isStatusReply(byte)) return null;
  return {
    paperNearEnd: bit(byte, 2) || bit(byte, 3),
    paperOut: bit(byte, 5) || bit(byte, 6),
  };
}

export type PrinterState = 'ready' | 'paper_out' | 'cover_open' | 'error' | 'offline';
export type PrinterError = 'autocutter' | 'unrecoverable' | 'auto_recoverable';
/**
 * Why a printer is offline when it did not tell us itself. `not_found`: the port or device file is
 * not there (unplugged, a USB printer switched off, a wrong path). `refused`: a network printer
 * refused the connection, or a port or device file is there but would not open (no permission,
 * held by another program, not a port at all).
 */
export type Unreachable =
  'no_answer' | 'refused' | 'connect_timeout' | 'connection_lost' | 'bad_reply' | 'not_found';

/** Why a port or device file would not open or went away, from its errno code or message. */
export function unreachableFromError(error: unknown): Unreachable {
  const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
  const said = `${code ?? ''} ${message ?? ''}`;
  if (/ENOENT|ENODEV|ENXIO|No such (file|device)/i.test(said)) return 'not_found';
  if (/EACCES|EPERM|EBUSY|Permission denied|busy|Cannot lock|Inappropriate ioctl/i.test(said))
    return 'refused';
  return 'connection_lost';
}

export interface PrinterStatus {
  /** The one word a screen shows: the most pressing thing to fix first. */
  state: PrinterState;
  /** Answered and reports itself online: it will print what it is sent. */
  online: boolean;
  /** Answered every status query at all. */
  answering: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  error: PrinterError | null;
  feedButton: boolean;
  waitingForRecovery: boolean;
  /** Set when the printer could not be asked. */
  unreachable: Unreachable | null;
}

/** A printer that could not be asked: offline, for the reason given. */
export function unreachableStatus(reason: Unreachable): PrinterStatus {
  return {
    state: 'offline',
    online: false,
    answering: false,
    coverOpen: false,
    paperOut: false,
    paperNearEnd: false,
    error: null,
    feedButton: false,
    waitingForRecovery: false,
    unreachable: reason,
  };
}

/** The four reply bytes (n = 1, 2, 3, 4) as one status; a malformed byte makes it `bad_reply`. */
export function statusFromReplies(replies: ArrayLike<number>): PrinterStatus {
  const printer = parsePrinterByte(replies[0] ?? -1);
  const offline = parseOfflineCauseByte(replies[1] ?? -1);
  const errors = parseErrorCauseByte(replies[2] ?? -1);
  const paper = parsePaperSensorByte(replies[3] ?? -1);
  if (!printer || !offline || !errors || !paper) return unreachableStatus('bad_reply');

  const error: PrinterError | null = errors.unrecoverableError
    ? 'unrecoverable'
    : errors.autocutterError
      ? 'autocutter'
      : errors.autoRecoverableError
        ? 'auto_recoverable'
        : null;
  const paperOut = paper.paperOut || offline.stoppedByPaperEnd;
  const state: PrinterState = offline.coverOpen
    ? 'cover_open'
    : paperOut
      ? 'paper_out'
      : error || offline.errorOccurred
        ? 'error'
        : printer.offline
          ? 'offline'
          : 'ready';
  return {
    state,
    online: !printer.offline && state === 'ready',
    answering: true,
    coverOpen: offline.coverOpen,
    paperOut,
    paperNearEnd: paper.paperNearEnd,
    error,
    feedButton: printer.feedButton,
    waitingForRecovery: printer.waitingForRecovery,
    unreachable: null,
  };
}
