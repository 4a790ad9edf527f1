import type { ReceiptView } from '../api/applicationViews.ts';
import { spokenDate } from '../domain/localTime.ts';
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

const kindNames: Record<ReceiptView['applicationKind'], string> = {
  baru: 'Baru / New',
  habis_berlaku: 'Penggantian (habis berlaku) / Replacement (expired)',
  halaman_penuh: 'Penggantian (halaman penuh) / Replacement (pages full)',
  hilang: 'Penggantian (hilang) / Replacement (lost)',
  rusak: 'Penggantian (rusak) / Replacement (damaged)',
};

const typeNames: Record<string, string> = {
  elektronik: 'Paspor elektronik / Electronic passport',
  biasa: 'Paspor biasa / Ordinary passport',
};

/**
 * The receipt (tanda terima) printed at the counter when the interview ends: the application
 * number, the citizen's name, the passport type, the one pickup date and the pickup hours, and the
 * QR the pickup kiosk and the handover counter scan. Both languages, Bahasa Indonesia first.
 */
export function receiptDocument(
  receipt: ReceiptView,
  options: { training?: boolean; reprint?: number; logo?: ImageBlock } = {},
): PrintDocument {
  const blocks: Block[] = [];
  const banner = (line: string) => blocks.push(text(line, { align: 'center', size: 'large', bold: true }));
  if (options.logo) blocks.push(options.logo);
  if (options.training) banner('TRAINING');
  if (options.reprint)
    blocks.push(
      text(`CETAK ULANG ${options.reprint} / REPRINT ${options.reprint}`, { align: 'center', bold: true }),
    );
  blocks.push(text(receipt.office.name, { align: 'center', bold: true }));
  blocks.push(text('TANDA TERIMA PERMOHONAN PASPOR', { align: 'center', bold: true }));
  blocks.push(text('Passport application receipt', { align: 'center' }), rule());
  blocks.push(text('Nomor permohonan / Application number'));
  blocks.push(text(receipt.applicationNumber, { size: 'large', bold: true }));
  blocks.push(text(`Nama / Name: ${receipt.fullName}`));
  blocks.push(text(`Jenis / Type: ${typeNames[receipt.passportType] ?? receipt.passportType}`));
  blocks.push(text(`Permohonan / Application: ${kindNames[receipt.applicationKind]}`));
  blocks.push(text(`Wawancara / Interview: ${receipt.interviewedAt}`), rule());
  blocks.push(text('Tanggal pengambilan / Pickup date', { align: 'center' }));
  if (receipt.pickupDate) {
    blocks.push(text(spokenDate(receipt.pickupDate, 'id'), { align: 'center', size: 'large', bold: true }));
    blocks.push(text(spokenDate(receipt.pickupDate, 'en'), { align: 'center' }));
  }
  blocks.push(text(receipt.pickupSummary.id, { align: 'center' }));
  blocks.push(text(receipt.pickupSummary.en, { align: 'center' }));
  if (receipt.pickupHours)
    blocks.push(
      text(`Jam pengambilan / Pickup hours: ${receipt.pickupHours.open}–${receipt.pickupHours.close}`, {
        align: 'center',
      }),
    );
  blocks.push(feed(), qr(receipt.qr, 6));
  blocks.push(
    text('Pindai di kios pengambilan / Scan at the pickup kiosk', { align: 'center' }),
    text('Simpan tanda terima ini / Keep this receipt', { align: 'center', bold: true }),
  );
  if (options.training) banner('TRAINING');
  blocks.push(feed(2), cut());
  return { blocks };
}
