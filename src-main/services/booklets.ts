import { newId } from '../domain/ids.ts';
import {
  inRange,
  rangeSize,
  rangesOverlap,
  reconcile,
  serialAt,
  serialRange,
  type Reconciliation,
} from '../domain/booklets.ts';
import { passportTypes } from '../domain/appointment.ts';
import { LoketError } from '../domain/errors.ts';
import { localDateOf } from '../domain/localTime.ts';
import { readPayload } from '../domain/payload.ts';
import type { BookletRangeRecord, BookletUseRecord } from '../store/booklets.ts';
import type { PrintJobRecord } from '../store/printJobs.ts';
import { eventOf } from '../store/events.ts';
import type { EventPayload } from '../domain/events.ts';
import type { ServiceContext } from './context.ts';
import type { CounterCaller } from './counters.ts';
import { checkCredentials } from './officers.ts';

/**
 * Blank passport booklets, accountable stock (DESIGN §5). A range enters stock when a second
 * officer confirms what the first received (dual control). The operator scans a booklet before
 * printing: its serial must be in stock for the job's passport type and never used, and it becomes
 * the passport number. A spoiled booklet keeps its reason and a supervisor's sign-off. Each day
 * reconciles: opening + received − used − spoiled = closing, with the serials behind each figure.
 */

const refuse = (id: string, en: string, details: Record<string, unknown> = {}) =>
  new LoketError('CONFLICT', { id, en }, details);

const typeNames: Record<string, { id: string; en: string }> = {
  elektronik: { id: 'elektronik', en: 'electronic' },
  biasa: { id: 'biasa', en: 'ordinary' },
};
const typeName = (type: string) => typeNames[type] ?? { id: type, en: type };

const officeDay = (ctx: ServiceContext, at: number) => localDateOf(at, ctx.store.office.get().timeZone);

const event = <T extends 'booklets.received' | 'booklets.confirmed' | 'booklet.signedOff'>(
  ctx: ServiceContext,
  caller: CounterCaller,
  type: T,
  at: number,
  payload: EventPayload<T>,
) =>
  ctx.store.events.emit(
    eventOf(type, { at, actor: caller.officer.user.id, station: caller.stationId }, payload),
  );

/** The first officer records a range as received; it is not stock until another officer confirms it. */
export function receiveBooklets(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { passportType: string; first: string; last: string },
): BookletRangeRecord {
  if (!(passportTypes as readonly string[]).includes(input.passportType))
    throw new LoketError('INVALID_INPUT', {
      id: `Jenis paspor tidak dikenal: ${input.passportType}.`,
      en: `Unknown passport type: ${input.passportType}.`,
    });
  const range = serialRange(input.first, input.last);
  return ctx.store.transaction(() => {
    const clash = ctx.store.booklets.ranges().find((r) => rangesOverlap(r, range));
    if (clash)
      throw refuse(
        `Rentang ini tumpang tindih dengan rentang yang sudah dicatat (${serialAt(clash, clash.first)}–${serialAt(clash, clash.last)}).`,
        `This range overlaps a range already recorded (${serialAt(clash, clash.first)}–${serialAt(clash, clash.last)}).`,
        { rangeId: clash.id },
      );
    const at = ctx.clock.now();
    const record: BookletRangeRecord = {
      id: newId(),
      passportType: input.passportType,
      ...range,
      receivedBy: caller.officer.user.id,
      receivedAt: at,
      confirmedBy: null,
      confirmedAt: null,
      officeDate: null,
    };
    ctx.store.booklets.addRange(record);
    event(ctx, caller, 'booklets.received', at, rangeSummary(record));
    return record;
  });
}

/**
 * The second officer confirms a range: at the receiving officer's station with their own username
 * and PIN, never the officer who received it. From then on the range is stock.
 */
export function confirmBooklets(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { rangeId: string; username: string; secret: string },
): BookletRangeRecord {
  const witness = checkCredentials(ctx, input.username, input.secret);
  if (!['print_operator', 'supervisor', 'admin'].includes(witness.role))
    throw new LoketError('FORBIDDEN', {
      id: 'Hanya operator cetak atau supervisor yang dapat mengonfirmasi stok buku paspor.',
      en: 'Only a print operator or a supervisor can confirm booklet stock.',
    });
  return ctx.store.transaction(() => {
    const range = ctx.store.booklets.range(input.rangeId);
    if (!range) throw new LoketError('NOT_FOUND', { id: 'Rentang tidak ditemukan.', en: 'Range not found.' });
    if (range.confirmedBy)
      throw refuse('Rentang ini sudah dikonfirmasi.', 'This range is already confirmed.');
    if (witness.id === range.receivedBy)
      throw refuse(
        'Kontrol ganda: rentang harus dikonfirmasi petugas kedua, bukan yang menerimanya.',
        'Dual control: a second officer must confirm the range, not the one who received it.',
      );
    const at = ctx.clock.now();
    ctx.store.booklets.confirmRange(range.id, witness.id, at, officeDay(ctx, at));
    const confirmed = ctx.store.booklets.range(range.id) as BookletRangeRecord;
    event(ctx, caller, 'booklets.confirmed', at, { ...rangeSummary(confirmed), confirmedBy: witness.id });
    return confirmed;
  });
}

const rangeSummary = (r: BookletRangeRecord) => ({
  rangeId: r.id,
  passportType: r.passportType,
  first: serialAt(r, r.first),
  last: serialAt(r, r.last),
  count: rangeSize(r),
});

/**
 * The booklet the operator scanned for a job, checked against stock: a booklet serial, in a
 * confirmed range of the job's passport type, never used or spoiled, and not in another job's hands.
 */
export function checkBooklet(
  ctx: ServiceContext,
  job: PrintJobRecord,
  text: string,
): { range: BookletRangeRecord; serial: string } {
  const payload = readPayload(text, { accept: ['booklet'] });
  if (payload.kind !== 'booklet')
    throw new LoketError('INVALID_INPUT', {
      id: 'Ini bukan nomor seri buku paspor.',
      en: 'This is not a booklet serial.',
    });
  const serial = payload.serial;
  const used = ctx.store.booklets.use(serial);
  if (used)
    throw refuse(
      used.outcome === 'spoiled'
        ? `Buku ${serial} sudah dicatat rusak; ambil buku lain.`
        : `Buku ${serial} sudah dipakai mencetak paspor; satu buku hanya dicetak sekali.`,
      used.outcome === 'spoiled'
        ? `Booklet ${serial} is recorded as spoiled; take another booklet.`
        : `Booklet ${serial} has already been printed; a booklet prints only once.`,
      { serial, outcome: used.outcome },
    );
  const ranges = ctx.store.booklets.ranges().filter((r) => inRange(r, serial));
  const range = ranges.find((r) => r.confirmedBy !== null);
  if (!range) {
    if (ranges.length)
      throw refuse(
        `Buku ${serial} belum masuk stok: penerimaannya belum dikonfirmasi petugas kedua.`,
        `Booklet ${serial} is not in stock yet: a second officer has not confirmed its receipt.`,
        { serial },
      );
    throw refuse(
      `Buku ${serial} tidak ada di stok kantor ini.`,
      `Booklet ${serial} is not in this office's stock.`,
      { serial },
    );
  }
  if (range.passportType !== job.passportType)
    throw refuse(
      `Buku ${serial} untuk paspor ${typeName(range.passportType).id}; permohonan ini paspor ${typeName(job.passportType).id}.`,
      `Booklet ${serial} is for ${typeName(range.passportType).en} passports; this application is for an ${typeName(job.passportType).en} one.`,
      { serial, bookletType: range.passportType, jobType: job.passportType },
    );
  const holder = ctx.store.printJobs
    .inState('queued', 'printing', 'printed')
    .find((j) => j.bookletSerial === serial && j.id !== job.id);
  if (holder)
    throw refuse(
      `Buku ${serial} sudah dipindai untuk permohonan lain.`,
      `Booklet ${serial} has already been scanned for another application.`,
      { serial },
    );
  return { range, serial };
}

/** A spoil the operator records with a supervisor beside them: their username and PIN sign it off. */
export function supervisorSignOff(ctx: ServiceContext, input: { username: string; secret: string }) {
  const supervisor = checkCredentials(ctx, input.username, input.secret);
  if (!['supervisor', 'admin'].includes(supervisor.role))
    throw new LoketError('FORBIDDEN', {
      id: 'Buku rusak harus disahkan supervisor.',
      en: 'A spoiled booklet must be signed off by a supervisor.',
    });
  return supervisor;
}

/** A supervisor signs off a spoil recorded without one (found by the quality check or a printer error). */
export function signOffSpoil(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { serial: string },
): BookletUseRecord {
  if (!['supervisor', 'admin'].includes(caller.officer.user.role))
    throw new LoketError('FORBIDDEN', {
      id: 'Buku rusak harus disahkan supervisor.',
      en: 'A spoiled booklet must be signed off by a supervisor.',
    });
  return ctx.store.transaction(() => {
    const use = ctx.store.booklets.use(input.serial.trim().toUpperCase());
    if (!use || use.outcome !== 'spoiled')
      throw new LoketError('NOT_FOUND', {
        id: 'Buku rusak dengan nomor itu tidak ditemukan.',
        en: 'No spoiled booklet with that serial.',
      });
    if (use.signedOffBy)
      throw refuse('Buku rusak ini sudah disahkan.', 'This spoiled booklet is already signed off.');
    const at = ctx.clock.now();
    const signed = { ...use, signedOffBy: caller.officer.user.id };
    ctx.store.booklets.saveUse(signed);
    event(ctx, caller, 'booklet.signedOff', at, { serial: use.serial });
    return signed;
  });
}

export interface StockView {
  ranges: (ReturnType<typeof rangeSummary> & {
    receivedBy: string;
    confirmedBy: string | null;
    used: number;
    spoiled: number;
    remaining: number;
  })[];
  inStock: Record<string, number>;
  awaitingSignOff: BookletUseRecord[];
}

/** The stock: every range with what is left of it, per type in stock, and spoils awaiting sign-off. */
export function bookletStock(ctx: ServiceContext): StockView {
  const ranges = ctx.store.booklets.ranges();
  const uses = ctx.store.booklets.allUses();
  const inStock: Record<string, number> = {};
  // Officers by username, as the stock book names who received and who confirmed.
  const username = (id: string) => ctx.store.officers.user(id)?.username ?? id;
  const view = ranges.map((r) => {
    const mine = uses.filter((u) => u.rangeId === r.id);
    const used = mine.filter((u) => u.outcome === 'used').length;
    const spoiled = mine.length - used;
    const remaining = r.confirmedBy ? rangeSize(r) - mine.length : 0;
    inStock[r.passportType] = (inStock[r.passportType] ?? 0) + remaining;
    return {
      ...rangeSummary(r),
      receivedBy: username(r.receivedBy),
      confirmedBy: r.confirmedBy && username(r.confirmedBy),
      used,
      spoiled,
      remaining,
    };
  });
  return { ranges: view, inStock, awaitingSignOff: ctx.store.booklets.spoilsAwaitingSignOff() };
}

export interface DayReconciliation extends Reconciliation {
  passportType: string;
  date: string;
  receivedSerials: string[];
  usedSerials: string[];
  spoiledSerials: { serial: string; reason: string | null; signedOffBy: string | null }[];
  openingSerials: string[];
}

/** The day's reconciliation per passport type, with the serials behind every figure. */
export function reconcileDay(ctx: ServiceContext, date: string): DayReconciliation[] {
  const all = ctx.store.booklets.ranges();
  const ranges = all.filter((r) => r.officeDate !== null && r.officeDate <= date);
  const before = ctx.store.booklets.usesBefore(date);
  const today = ctx.store.booklets.usesOnDay(date);
  const types = [...new Set([...ranges.map((r) => r.passportType), ...passportTypes])];
  return types.map((type) => {
    const serialsOf = (rs: BookletRangeRecord[]) =>
      rs.flatMap((r) => Array.from({ length: rangeSize(r) }, (_, i) => serialAt(r, r.first + i)));
    const mine = ranges.filter((r) => r.passportType === type);
    const ids = new Set(
      ctx.store.booklets
        .ranges()
        .filter((r) => r.passportType === type)
        .map((r) => r.id),
    );
    const gone = new Set(before.filter((u) => ids.has(u.rangeId)).map((u) => u.serial));
    const opening = serialsOf(mine.filter((r) => (r.officeDate as string) < date)).filter(
      (s) => !gone.has(s),
    );
    const received = serialsOf(mine.filter((r) => r.officeDate === date));
    const todays = today.filter((u) => ids.has(u.rangeId));
    const used = todays.filter((u) => u.outcome === 'used');
    const spoiled = todays.filter((u) => u.outcome === 'spoiled');
    const result = reconcile({
      opening,
      received,
      used: used.map((u) => u.serial),
      spoiled: spoiled.map((u) => u.serial),
    });
    return {
      ...result,
      passportType: type,
      date,
      openingSerials: opening,
      receivedSerials: received,
      usedSerials: used.map((u) => u.serial),
      spoiledSerials: spoiled.map((u) => ({
        serial: u.serial,
        reason: u.reason,
        signedOffBy: u.signedOffBy,
      })),
    };
  });
}
