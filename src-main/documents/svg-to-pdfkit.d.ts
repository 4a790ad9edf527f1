/** svg-to-pdfkit ships no types: the one function Loket calls, as its README describes it. */
declare module 'svg-to-pdfkit' {
  export default function SVGtoPDF(
    doc: PDFKit.PDFDocument,
    svg: string,
    x?: number,
    y?: number,
    options?: {
      width?: number;
      height?: number;
      preserveAspectRatio?: string;
      assumePt?: boolean;
      fontCallback?: (family: string, bold: boolean, italic: boolean) => string;
      imageCallback?: (link: string) => string;
      warningCallback?: (warning: string) => void;
    },
  ): void;
}
