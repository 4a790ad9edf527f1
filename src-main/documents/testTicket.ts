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

/**
 * The slip `loket devices test` prints: which station and printer it is, a line of names with the
 * accents and apostrophes Indonesian names carry (to check the code page), a QR to scan back with
 * the station's scanner, and the cut.
 */
export function testTicketDocument(input: {
  office: string;
  station: string;
  address: string;
  printedAt: string;
  code: string;
  /** The logo, as tickets on this printer carry it. */
  logo?: ImageBlock | undefined;
}): PrintDocument {
  const logo: Block[] = input.logo ? [input.logo] : [];
  return {
    blocks: [
      ...logo,
      text(input.office, { align: 'center', bold: true }),
      text('TES PRINTER', { align: 'center', size: 'large', bold: true }),
      text('Printer test', { align: 'center' }),
      rule(),
      text(`Stasiun / Station: ${input.station}`),
      text(`Printer: ${input.address}`),
      text(`Waktu / Time: ${input.printedAt}`),
      rule(),
      text('Nama / Names:'),
      text("Nur'aini Siregar · I Gusti Ayu Kadék · Zulkarnaén"),
      text('Hüsnü Çelik · José Ñúñez · Ahmad Al-Fārūq'),
      feed(),
      text('Pindai kode ini / Scan this code:', { align: 'center' }),
      qr(input.code, 6),
      text(input.code, { align: 'center' }),
      feed(2),
      cut(),
    ],
  };
}
