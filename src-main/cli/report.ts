import fs from 'node:fs';
import { importIssuanceHistory } from '../services/reports/issuance.ts';
import { commandLine, type ServiceContext } from '../services/context.ts';

/**
 * `loket report ACTION`: the office's reports from the hub's machine. A small dispatcher: each
 * action is one function below (`import-history` now; the reports themselves join it).
 */
export function report(
  ctx: ServiceContext,
  args: string[],
  write: (line: string) => void,
  usage: (message: string) => Error,
): number {
  const [action, ...rest] = args;
  if (action === 'import-history') return importHistory(ctx, rest[0], write, usage);
  throw usage('report import-history FILE --data DIR');
}

/**
 * Imports the office's monthly issuance (the CSV of its report) for months the floor did not run.
 * A bad row refuses the whole file: the error names its line and nothing is written.
 */
function importHistory(
  ctx: ServiceContext,
  file: string | undefined,
  write: (line: string) => void,
  usage: (message: string) => Error,
): number {
  if (!file) throw usage('report import-history needs a FILE');
  const content = fs.readFileSync(file, 'utf8');
  if (!content.trim()) throw usage(`${file} is empty`);
  const { imported } = importIssuanceHistory(ctx, commandLine, { content });
  const years = new Map<number, { months: number; total: number }>();
  for (const m of imported) {
    const year = years.get(m.year) ?? { months: 0, total: 0 };
    years.set(m.year, { months: year.months + 1, total: year.total + m.total });
  }
  const total = imported.reduce((sum, m) => sum + m.total, 0);
  write(`Imported ${imported.length} months of passport issuance from ${file} (${total} passports):`);
  for (const [year, { months, total: passports }] of [...years].sort(([a], [b]) => a - b))
    write(`  ${year}: ${months} month${months === 1 ? '' : 's'}, ${passports} passports`);
  return 0;
}
