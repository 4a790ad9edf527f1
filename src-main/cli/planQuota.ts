import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline/promises';
import { isLoketError } from '../domain/errors.ts';
import { timeOfDayFrom } from '../domain/localTime.ts';
import type { Estimate } from '../domain/simulation/confidence.ts';
import { quotaOf } from '../domain/simulation/officeDay.ts';
import { bookableLanes, type TargetName } from '../domain/simulation/quotaPlanner.ts';
import type { ServiceContext } from '../services/context.ts';
import { commandLine } from '../services/context.ts';
import { applyQuota, type LaneQuotaChange } from '../services/office.ts';
import { floorDayFor } from '../services/simulation/floorDay.ts';
import { planQuota, type QuotaPlan } from '../services/simulation/quotaPlanner.ts';
import { maxSimulationThreads } from '../services/simulation/textbookQueue.ts';
import { officersOption } from './simulate.ts';
import { withDaySource, type FloorFolder } from './daySource.ts';
import { alignedTable } from './textTable.ts';

/**
 * `loket plan-quota`: the largest quota per window that meets a target, from the office's
 * configuration (`--data`, only read) or the shipped defaults; the plan's lanes go to `--out FILE`
 * in the office configuration's format. `loket office apply-quota FILE`: that file applied, after one
 * confirmation, through the audited office change.
 */

export interface PlanQuotaOptions {
  targetP90?: string | undefined;
  inside?: string | undefined;
  overtime?: string | undefined;
  date?: string | undefined;
  officers?: string | undefined;
  seeds?: string | undefined;
  seed?: string | undefined;
  threads?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
  force?: boolean | undefined;
}

export const planFormats = ['table', 'json'] as const;

type Usage = (message: string) => Error;

export async function planQuotaCommand(
  options: PlanQuotaOptions,
  sources: FloorFolder,
  out: { write(text: string): void; progress(line: string): void },
  usage: Usage,
): Promise<number> {
  // Every option is checked before a floor is opened or anything runs.
  const format = options.format ?? 'table';
  if (!(planFormats as readonly string[]).includes(format))
    throw usage(`--format must be one of ${planFormats.join(', ')}, not ${format}`);
  const number = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!text.trim() || !Number.isFinite(value)) throw usage(`${flag} must be a number, not ${text}`);
    return value;
  };
  const whole = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    if (!/^-?\d+$/.test(text.trim())) throw usage(`${flag} must be a whole number, not ${text}`);
    return Number(text);
  };
  if (options.targetP90 === undefined)
    throw usage('plan-quota needs --target-p90 MINUTES (the p90 wait the plan must keep, e.g. 20)');
  const target = {
    p90WaitMinutes: number('--target-p90', options.targetP90),
    ...(options.inside !== undefined ? { insideWindowShare: number('--inside', options.inside) } : {}),
    ...(options.overtime !== undefined ? { overtimeMinutes: number('--overtime', options.overtime) } : {}),
  };
  if ((target.p90WaitMinutes ?? 0) < 0) throw usage('--target-p90: the p90 wait cannot be negative');
  if (
    target.insideWindowShare !== undefined &&
    (target.insideWindowShare < 0 || target.insideWindowShare > 1)
  )
    throw usage('--inside: a share from 0 to 1 (0.95 is 95%), not ' + options.inside);
  const officers = options.officers !== undefined ? officersOption(options.officers, usage) : undefined;
  const seeds = whole('--seeds', options.seeds) ?? 50;
  const seed = whole('--seed', options.seed);
  const threads =
    whole('--threads', options.threads) ??
    (seeds >= 100 ? Math.min(os.availableParallelism(), maxSimulationThreads) : 1);
  const outFile = options.out === undefined ? undefined : path.resolve(options.out);
  if (outFile && fs.existsSync(outFile) && !options.force)
    throw usage(`${options.out} already exists: choose another file, or add --force to overwrite it`);

  const plan = await withDaySource(sources, usage, async (source) => {
    try {
      const input = floorDayFor(source, {
        date: options.date ?? source.today,
        bookingsPerWindow: quotaOf(source.office),
        ...(officers ? { officers } : {}),
      });
      return await planQuota(input, target, {
        seeds,
        ...(seed !== undefined ? { seed } : {}),
        threads,
        stageNames: Object.fromEntries(source.office.floor.stages.map((s) => [s.id, s.name])),
        progress: (candidates, total) => out.progress(`Candidate ${candidates}: ${total} a window`),
      });
    } catch (error) {
      if (isLoketError(error) && error.code === 'INVALID_INPUT') {
        const field = String(error.details.field ?? 'input');
        const flag = field.startsWith('officers')
          ? '--officers'
          : field === 'date'
            ? '--date'
            : field === 'seeds' || field === 'seed' || field === 'threads'
              ? `--${field}`
              : field === 'target.p90WaitMinutes'
                ? '--target-p90'
                : field === 'target.insideWindowShare'
                  ? '--inside'
                  : field === 'target.overtimeMinutes'
                    ? '--overtime'
                    : field;
        throw usage(`${flag}: ${String(error.details.message)}`);
      }
      throw error;
    }
  });
  // No quota meets the target: a file of zeros is not written, lest it be applied as a plan.
  if (outFile && plan.meets) {
    fs.writeFileSync(outFile, quotaFileText(plan), { mode: 0o600 });
    out.progress(`Ditulis / Written: ${options.out}`);
  }
  out.write(format === 'json' ? `${JSON.stringify(plan, null, 2)}\n` : planTable(plan));
  return plan.meets ? 0 : 2;
}

/** The plan's lanes in the office configuration's format: what `loket simulate --quota` and `office apply-quota` read. */
export function quotaFileText(plan: Pick<QuotaPlan, 'lanes'>): string {
  return `${JSON.stringify({ lanes: plan.lanes }, null, 2)}\n`;
}

const targetLabel: Record<TargetName, string> = {
  p90Wait: 'p90 wait',
  insideWindow: 'inside window',
  promises: 'promises kept',
  overtime: 'overtime',
};

function share(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** The plan as a terminal shows it: the lanes now and planned, the figures, the binding constraint. */
export function planTable(plan: QuotaPlan): string {
  const officers = Object.entries(plan.officers)
    .map(([stage, n]) => `${stage} ${n}`)
    .join(', ');
  const last = plan.seeds.first + plan.seeds.count - 1;
  const t = plan.target;
  const lines = [
    `Quota plan for ${plan.date} (${plan.windows} windows); officers: ${officers}`,
    `Target: p90 wait ≤ ${t.p90WaitMinutes} min, ≥ ${share(t.insideWindowShare)} called inside window + grace` +
      `${t.promisesKept ? ', every pickup promise kept' : ''}` +
      `${t.overtimeMinutes !== null ? `, overtime ≤ ${t.overtimeMinutes} min` : ''}`,
    `Judged on the window policy over ${plan.seeds.count} seeds (${plan.seeds.first}–${last}), by the 95% interval's pessimistic end; priority lanes keep their share`,
    '',
  ];
  const laneRows = bookableLanes.map((lane) => [
    lane,
    String(plan.current.quota[lane]),
    String(plan.quota[lane]),
  ]);
  laneRows.push(['total a window', String(plan.current.total), String(plan.total)]);
  laneRows.push(['bookings a day', String(plan.current.total * plan.windows), String(plan.bookingsPerDay)]);
  lines.push(...alignedTable(['lane', 'now', 'plan'], laneRows), '');
  if (!plan.meets) lines.push('No quota meets the target: not even a day without bookings.', '');
  const f = plan.figures;
  const mean = (e: Estimate, unit: 'min' | 'share' | 'count') =>
    unit === 'share' ? share(e.mean) : e.mean.toFixed(1);
  const figureRows: string[][] = [
    ['p90 wait, whole visit (min)', mean(f.visitWaitP90, 'min'), f.visitWaitP90.judged.toFixed(1)],
    ['p90 wait to first call (min)', mean(f.waitP90, 'min'), ''],
    ['called inside window + grace', mean(f.insideWindowShare, 'share'), share(f.insideWindowShare.judged)],
    ['pickup promises at risk', mean(f.promisesAtRisk, 'count'), `${f.promisesAtRisk.judged} (worst seed)`],
    ['overtime (min)', mean(f.overtimeMinutes, 'min'), f.overtimeMinutes.judged.toFixed(1)],
    ['applicants served', mean(f.served, 'count'), ''],
    ['last applicant served', timeOfDayFrom(Math.round(f.lastServed.mean)), ''],
    ['printer backlog at close', mean(f.printerBacklogAtClose, 'count'), ''],
    ...f.stages.map((s) => [`${s.stage}: utilisation`, share(s.utilisation.mean), '']),
  ];
  lines.push(...alignedTable([`at ${plan.total} a window`, 'mean', 'judged'], figureRows), '');
  lines.push(
    `Binding constraint: ${plan.binding.code}`,
    `  ${plan.binding.message.id}`,
    `  ${plan.binding.message.en}`,
  );
  if (plan.next)
    lines.push(
      `  At ${plan.next.total} a window: ${plan.next.misses.map((m) => `${targetLabel[m.target]} missed`).join(', ')}.`,
    );
  lines.push(
    '',
    `Candidates: ${plan.candidates.map((c) => `${c.total} ${c.meets ? 'meets' : `misses ${c.misses.map((m) => targetLabel[m.target]).join('+')}`}`).join('; ')}`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * A quota file: `{"lanes":[{"id":"regular","quotaPerWindow":N},…]}` (as `plan-quota --out` writes
 * it; a whole office configuration reads the same way). Checked before the floor is opened.
 */
export function readQuotaPlan(file: string | undefined, readFile: (file: string) => string, usage: Usage) {
  if (!file) throw usage('office apply-quota FILE --data DIR (FILE as loket plan-quota --out writes it)');
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    throw usage(`cannot read ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw usage(`${file}: not JSON (${(error as Error).message})`);
  }
  const lanes = (raw as { lanes?: unknown } | null)?.lanes;
  if (!Array.isArray(lanes) || !lanes.length)
    throw usage(`${file}: expected {"lanes":[{"id":"regular","quotaPerWindow":N},…]}`);
  return lanes.map((lane: { id?: unknown; quotaPerWindow?: unknown } | null): LaneQuotaChange => {
    if (typeof lane?.id !== 'string' || typeof lane.quotaPerWindow !== 'number')
      throw usage(`${file}: every lane needs an id and a quotaPerWindow number`);
    if (!Number.isInteger(lane.quotaPerWindow) || lane.quotaPerWindow < 0)
      throw usage(
        `${file}: lane ${lane.id}: quotaPerWindow must be a whole number ≥ 0, not ${lane.quotaPerWindow}`,
      );
    return { id: lane.id, quotaPerWindow: lane.quotaPerWindow };
  });
}

export interface ApplyIo {
  write(line: string): void;
  /** Whether stdin is a terminal a confirmation can be asked on. */
  stdinIsTerminal: boolean;
  ask(question: string): Promise<string>;
}

/** Asks on the terminal, one line. */
export async function askOnTerminal(question: string): Promise<string> {
  const prompt = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await prompt.question(question);
  } finally {
    prompt.close();
  }
}

/**
 * `loket office apply-quota FILE`: each lane's quota before → after, one confirmation (or `--yes`;
 * refused without it when stdin is not a terminal), then `applyQuota`: validated and audited.
 */
export async function applyQuotaCommand(
  ctx: ServiceContext,
  lanes: LaneQuotaChange[],
  options: { yes: boolean },
  io: ApplyIo,
  usage: Usage,
): Promise<number> {
  if (!options.yes && !io.stdinIsTerminal)
    throw usage(
      'office apply-quota changes the office quota: add --yes to apply it without a terminal to confirm on',
    );
  const office = ctx.store.office.get();
  for (const lane of lanes)
    if (!office.lanes.some((l) => l.id === lane.id))
      throw usage(`no lane ${lane.id}: the lanes are ${office.lanes.map((l) => l.id).join(', ')}`);
  const width = Math.max(...lanes.map((l) => l.id.length));
  io.write(`Kuota per jadwal / Quota per window, ${office.name}:`);
  for (const lane of lanes) {
    const before = office.lanes.find((l) => l.id === lane.id)?.quotaPerWindow ?? 0;
    const mark = before === lane.quotaPerWindow ? '  (tetap / unchanged)' : '';
    io.write(`  ${lane.id.padEnd(width)}  ${String(before).padStart(4)} → ${lane.quotaPerWindow}${mark}`);
  }
  if (
    lanes.every((lane) => office.lanes.find((l) => l.id === lane.id)?.quotaPerWindow === lane.quotaPerWindow)
  ) {
    io.write('Tidak ada yang berubah. / Nothing to change.');
    return 0;
  }
  if (!options.yes) {
    const answer = (await io.ask('Terapkan kuota ini? / Apply this quota? [y/N] ')).trim().toLowerCase();
    if (!['y', 'ya', 'yes'].includes(answer)) {
      io.write('Dibatalkan; tidak ada yang berubah. / Cancelled; nothing changed.');
      return 1;
    }
  }
  const applied = applyQuota(ctx, commandLine, lanes);
  const changed = applied.lanes.filter((l) => l.before !== l.after).length;
  io.write(
    `Diterapkan / Applied: ${changed} lane${changed === 1 ? '' : 's'} changed (office.updated, by ${commandLine.actor}).`,
  );
  return 0;
}
