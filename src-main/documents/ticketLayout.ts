import type { TicketView } from '../api/views.ts';
import {
  cut,
  feed,
  qr,
  rule,
  text,
  type Block,
  type ImageBlock,
  type PrintDocument,
} from '../../drivers/ticket-printer/document.ts';

export interface TicketLayoutOptions {
  /** A ticket from the training floor: marked so it can never pass for a real one. */
  training?: boolean;
  /** The how-many-th reprint this is (1, 2, …); absent or 0 for the first print. */
  reprint?: number;
  /** The office's logo at the top (resources/logo), where the printer's line is fast enough. */
  logo?: ImageBlock;
}

/** The same words in both languages, Bahasa Indonesia first. */
const both = (id: string, en: string): string => (id === en ? id : `${id} / ${en}`);

/**
 * The queue ticket as printed at the kiosk: the number large enough to read across the hall, when
 * and where to wait, and the QR that later stations scan. Bahasa Indonesia first, then English.
 */
export function ticketDocument(ticket: TicketView, options: TicketLayoutOptions = {}): PrintDocument {
  const blocks: Block[] = [];
  const banner = (line: string) => blocks.push(text(line, { align: 'center', size: 'large', bold: true }));

  if (options.logo) blocks.push(options.logo);
  if (options.training) banner('TRAINING');
  if (options.reprint) {
    blocks.push(
      text(`CETAK ULANG ${options.reprint} / REPRINT ${options.reprint}`, { align: 'center', bold: true }),
    );
  }
  blocks.push(text(ticket.office.name, { align: 'center', bold: true }), rule());
  blocks.push(text('Nomor antrean / Queue number', { align: 'center' }));
  blocks.push(text(ticket.number, { align: 'center', size: 'huge', bold: true }));
  blocks.push(text(both(ticket.lane.name.id, ticket.lane.name.en), { align: 'center', bold: true }));
  if (ticket.lane.priority) {
    blocks.push(
      text('Petugas akan memverifikasi prioritas Anda / Staff will verify your priority', {
        align: 'center',
      }),
    );
  }
  if (ticket.unverifiedNotice) {
    // Checked in while the appointment list could not be fetched: the first counter verifies it.
    blocks.push(
      feed(),
      text('BELUM TERVERIFIKASI / UNVERIFIED', { align: 'center', size: 'large', bold: true }),
      text(ticket.unverifiedNotice.id, { align: 'center', bold: true }),
      text(ticket.unverifiedNotice.en, { align: 'center' }),
    );
  }
  blocks.push(feed());
  blocks.push(
    text(`Jadwal / Window ${ticket.window.number}: ${ticket.window.start}–${ticket.window.end}`, {
      align: 'center',
    }),
  );
  blocks.push(
    text('Perkiraan dipanggil / Expected call', { align: 'center' }),
    text(ticket.expectedCallAt, { align: 'center', size: 'large', bold: true }),
  );
  blocks.push(
    text('Tunggu di / Wait in', { align: 'center' }),
    text(both(ticket.area.id, ticket.area.en), { align: 'center', bold: true }),
  );
  if (ticket.standbyReason) {
    blocks.push(feed(), text(ticket.standbyReason.id), text(ticket.standbyReason.en));
  }
  blocks.push(rule());
  blocks.push(text(`Atas nama / For: ${ticket.citizen.initials}`, { align: 'center' }));
  blocks.push(text(issuedAt(ticket.issuedAt), { align: 'center' }));
  // Staff who see a 5xx number know where it came from; the citizen knows it still counts.
  if (ticket.issuedOffline) blocks.push(text('Diterbitkan luring / Issued offline', { align: 'center' }));
  blocks.push(qr(ticket.qr, 6));
  blocks.push(text(ticket.notice.id, { align: 'center' }), text(ticket.notice.en, { align: 'center' }));
  if (options.training) banner('TRAINING');
  blocks.push(feed(2), cut());
  return { blocks };
}

/** "Dicetak / Issued 30-11-2026 09:15", the office's wall clock as carried in the ISO text. */
function issuedAt(iso: string): string {
  const [date = '', time = ''] = iso.split('T');
  const [year, month, day] = date.split('-');
  return `Dicetak / Issued ${day}-${month}-${year} ${time.slice(0, 5)}`;
}
