import { create } from 'zustand';
import type { OutputOf } from '../../src-main/api/contract.ts';
import { createOfficerSession } from '../counter/officerSession.ts';
import type { Bilingual } from '../../src-main/domain/errors.ts';
import { call, OperationError } from '../shared/client.ts';
import { coalesced } from '../shared/events.ts';

export type PrintQueue = OutputOf<'printQueue'>;
export type PrintJob = PrintQueue['queue'][number];
export type BookletStock = OutputOf<'bookletStock'>;
export type Uncollected = OutputOf<'uncollectedPassports'>;

interface PrintState {
  queue: PrintQueue | null;
  stock: BookletStock | null;
  uncollected: Uncollected | null;
  /** What the station's own scanner (a hub-driven document reader) last read, and what came of it. */
  scanNotice: { ok: boolean; text: Bilingual } | null;
  /** The last quality check's outcome, kept on screen until the operator dismisses it. */
  qcOutcome: QcOutcome | null;
  /** Runs the quality check of a printed job on an MRZ read and keeps its outcome on screen. */
  checkPrinted(job: PrintJob, text: string): Promise<void>;
  dismissQcOutcome(): void;
  /** Reloads the station's views; asks made meanwhile share one more reload after it. */
  refresh(): Promise<void>;
  /**
   * A read from the station's scanner: a blank booklet's serial goes to the job at the head of the
   * queue, a printed passport's MRZ to the quality check of the printed job it names.
   */
  scanned(text: string): Promise<void>;
}

export interface QcOutcome {
  jobId: string;
  applicationNumber: string;
  passed: boolean;
  message: Bilingual;
  findings: Bilingual[];
}

const bookletSerial = /^[A-Z]{1,2}[0-9]{6,7}$/;

/** The print operator signed in at this station, around the queue, the stock and the 30-day list. */
export const usePrintSession = createOfficerSession(
  async () => {
    const [queue, stock, uncollected] = await Promise.all([
      call('printQueue', {}),
      call('bookletStock', {}),
      call('uncollectedPassports', {}),
    ]);
    usePrint.setState({ queue, stock, uncollected });
  },
  () => usePrint.setState({ queue: null, stock: null, uncollected: null }),
);

export const usePrint = create<PrintState>((set, get) => ({
  queue: null,
  stock: null,
  uncollected: null,
  scanNotice: null,
  qcOutcome: null,
  async checkPrinted(job, text) {
    const result = await call('checkPrintedPassport', { jobId: job.id, text });
    set({
      qcOutcome: {
        jobId: job.id,
        applicationNumber: job.applicationNumber,
        passed: result.passed,
        message: result.message,
        findings: result.findings,
      },
    });
  },
  dismissQcOutcome: () => set({ qcOutcome: null }),
  refresh: coalesced(async () => {
    const session = usePrintSession.getState();
    if (session.screen === 'ready') await session.load();
  }),
  async scanned(text) {
    const queue = get().queue;
    if (!queue || usePrintSession.getState().screen !== 'ready') return;
    const read = text.trim();
    try {
      if (bookletSerial.test(read)) {
        const head = queue.queue.find((job) => job.state === 'queued');
        if (!head)
          throw new OperationError('CONFLICT', { id: 'Antrean kosong.', en: 'The queue is empty.' }, 409);
        await call('scanBooklet', { jobId: head.id, text: read });
        set({
          scanNotice: {
            ok: true,
            text: {
              id: `Buku ${read} untuk ${head.applicationNumber}.`,
              en: `Booklet ${read} for ${head.applicationNumber}.`,
            },
          },
        });
      } else {
        const lines = read.split(/\r?\n/).map((line) => line.trim());
        const number = (lines[1] ?? '').slice(0, 9).replace(/<+$/, '');
        const printedJob = () => {
          const printed = get().queue?.printed ?? [];
          return (
            printed.find((j) => j.bookletSerial === number) ?? (printed.length === 1 ? printed[0] : null)
          );
        };
        // The page may not have heard of the print yet: look again after a reload.
        let job = printedJob();
        if (!job) {
          await get().refresh();
          job = printedJob();
        }
        if (!job)
          throw new OperationError(
            'NOT_FOUND',
            {
              id: `Tidak ada paspor tercetak bernomor ${number}.`,
              en: `No printed passport numbered ${number}.`,
            },
            404,
          );
        await get().checkPrinted(job, read);
        // The outcome stands on its own panel; the scan line no longer repeats it.
        set({ scanNotice: null });
      }
    } catch (error) {
      set({
        scanNotice: {
          ok: false,
          text: error instanceof OperationError ? error.text : { id: String(error), en: String(error) },
        },
      });
    }
    await get().refresh();
  },
}));
