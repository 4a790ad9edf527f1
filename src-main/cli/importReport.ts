import type { ImportSummary } from '../api/views.ts';

/** The import summary as an officer reads it in a terminal. */
export function formatImportSummary(file: string, summary: ImportSummary): string {
  const lines = [
    `${file}: ${summary.rows} rows — ${summary.created} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected.length} rejected`,
  ];
  for (const rejection of summary.rejected) {
    const reasons = rejection.problems.map((p) => `${p.field}: ${p.message.en} [${p.reason}]`).join('; ');
    lines.push(
      `  line ${rejection.line}${rejection.bookingCode ? ` (${rejection.bookingCode})` : ''} rejected: ${reasons}`,
    );
  }
  for (const warning of summary.warnings) {
    const reasons = warning.problems.map((p) => `${p.message.en} [${p.reason}]`).join('; ');
    lines.push(`  line ${warning.line} (${warning.bookingCode}) imported with a warning: ${reasons}`);
  }
  return `${lines.join('\n')}\n`;
}
