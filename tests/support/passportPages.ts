import PDFDocument from 'pdfkit';

/** A PDF the size of a passport's data page (125 × 88 mm), one page per text given. */
export function passportPagePdf(...pages: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: [354, 249], margin: 24, autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const text of pages) doc.addPage().fontSize(18).text(text);
    doc.end();
  });
}
