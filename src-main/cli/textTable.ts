/**
 * A table as a terminal shows it: the header, a rule under it, then the rows, the columns two
 * spaces apart. A column is right-aligned where `right[i]` is true (figures); by default every
 * column but the first.
 */
export function alignedTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly boolean[] = header.map((_, i) => i > 0),
): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  const head = line(header);
  return [head, '-'.repeat(head.length), ...rows.map(line)];
}
