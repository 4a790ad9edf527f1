import os from 'node:os';
import { isLoketError } from '../domain/errors.ts';
import { mmcMeasures, simulationModels, type MmcMeasure, type MmcSummary } from '../domain/simulation/mmc.ts';
import { maxSimulationThreads, simulateTextbookQueue } from '../services/simulation/textbookQueue.ts';
import { floorDayFor, simulateFloorDay } from '../services/simulation/floorDay.ts';
import { floorDayTable, floorDayCsv } from './simulateTables.ts';
import { withDaySource, type FloorFolder } from './daySource.ts';
import { alignedTable } from './textTable.ts';

/** Where a floor day is read from (`--data`, only read, or the defaults), and how `--quota FILE` is read. */
export interface SimulateSources extends FloorFolder {
  readFile(file: string): string;
}
/** What `loket simulate` is told on its command line. */
export interface SimulateOptions {
  model?: string | undefined;
  lambda?: string | undefined;
  mu?: string | undefined;
  counters?: string | undefined;
  minutes?: string | undefined;
  warmup?: string | undefined;
  seeds?: string | undefined;
  seed?: string | undefined;
  service?: string | undefined;
  arrivals?: string | undefined;
  threads?: string | undefined;
  format?: string | undefined;
  /** The floor day's: */
  date?: string | undefined;
  policy?: string | undefined;
  officers?: string | undefined;
  quota?: string | undefined;
  booked?: boolean | undefined;
}

export const simulateFormats = ['table', 'json'] as const;
export const floorFormats = ['table', 'json', 'csv'] as const;

/** The input's fields by the options that set them, for errors that name what was typed. */
const optionOf: Record<string, string> = {
  lambda: '--lambda',
  mu: '--mu',
  counters: '--counters',
  minutes: '--minutes',
  warmup: '--warmup',
  seeds: '--seeds',
  seed: '--seed',
  service: '--service',
  arrivals: '--arrivals',
  threads: '--threads',
};

/**
 * Below this many expected arrivals (λ × minutes × seeds, some twenty seconds' work) the
 * replications run in the `loket` thread: a worker takes most of a second to start, and on a busy
 * 2-core machine two threads were slower than one for 8 million arrivals (docs/simulation.md).
 */
const workerWorthwhile = 20_000_000;

/**
 * `loket simulate --model mmc …`: the textbook queue's replications, summarised as a table or JSON.
 * It never opens the floor's database and writes nothing but its answer on stdout.
 */
export async function simulate(
  options: SimulateOptions,
  source: SimulateSources,
  out: { write(text: string): void; progress(line: string): void },
  usage: (message: string) => Error,
): Promise<number> {
  if (options.model === undefined || options.model === 'floor')
    return simulateDay(options, source, out, usage);
  if (!(simulationModels as readonly string[]).includes(options.model))
    throw usage(
      `unknown model ${options.model}: --model must be one of floor, ${simulationModels.join(', ')}`,
    );
  const format = options.format ?? 'table';
  if (!(simulateFormats as readonly string[]).includes(format))
    throw usage(`--format must be one of ${simulateFormats.join(', ')}, not ${format}`);
  for (const name of ['date', 'policy', 'officers', 'quota'] as const)
    if (options[name] !== undefined)
      throw usage(`--${name} is the floor day's; --model mmc does not take it`);
  for (const name of ['lambda', 'mu', 'counters', 'minutes'] as const)
    if (options[name] === undefined) throw usage(`simulate --model mmc needs ${optionOf[name]}`);

  const numberOf = (name: Exclude<keyof SimulateOptions, 'booked'>) => {
    const text = options[name];
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!text.trim() || !Number.isFinite(value))
      throw usage(`${optionOf[name]} must be a number, not ${text}`);
    return value;
  };
  const request = {
    lambda: numberOf('lambda'),
    mu: numberOf('mu'),
    counters: numberOf('counters'),
    minutes: numberOf('minutes'),
    seeds: numberOf('seeds') ?? 30,
    ...(options.warmup !== undefined ? { warmup: numberOf('warmup') } : {}),
    ...(options.seed !== undefined ? { seed: numberOf('seed') } : {}),
    ...(options.service !== undefined ? { service: options.service } : {}),
    ...(options.arrivals !== undefined ? { arrivals: options.arrivals } : {}),
  };
  const expected = (request.lambda ?? 0) * (request.minutes ?? 0) * request.seeds;
  const threads =
    numberOf('threads') ??
    (expected >= workerWorthwhile ? Math.min(os.availableParallelism(), maxSimulationThreads) : 1);
  let summary: MmcSummary;
  try {
    summary = await simulateTextbookQueue(request, {
      threads,
      progress: (done, total) => {
        if (done === total || done % 10 === 0) out.progress(`Replication ${done} of ${total}`);
      },
    });
  } catch (error) {
    if (isLoketError(error) && error.code === 'INVALID_INPUT') {
      const field = String(error.details.field);
      throw usage(`${optionOf[field] ?? field}: ${String(error.details.message)}`);
    }
    throw error;
  }
  out.write(format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : simulationTable(summary));
  return 0;
}

const measureNames: Record<MmcMeasure, { label: string; digits: number }> = {
  meanWait: { label: 'mean wait in queue Wq (min)', digits: 3 },
  probabilityOfWaiting: { label: 'probability of waiting P(W>0)', digits: 4 },
  utilisation: { label: 'counter utilisation', digits: 4 },
  meanQueueLength: { label: 'mean number waiting Lq', digits: 3 },
  served: { label: 'customers served', digits: 1 },
  waitingAtClose: { label: 'waiting at the end of the run', digits: 2 },
};

/** Kendall's notation for the run: M for Poisson/exponential, D for deterministic. */
function kendall(summary: MmcSummary): string {
  const { arrivals, service, counters } = summary.input;
  return `${arrivals === 'poisson' ? 'M' : 'D'}/${service === 'exponential' ? 'M' : 'D'}/${counters}`;
}

/** The summary as a terminal shows it: each measure's mean, 95% interval and closed form. */
export function simulationTable(summary: MmcSummary): string {
  const { input } = summary;
  const last = input.seed + summary.replications - 1;
  const lines = [
    `Textbook queue ${kendall(summary)}: λ = ${input.lambda}/min (${input.arrivals} arrivals), ` +
      `μ = ${input.mu}/min per counter (${input.service} service), ${input.counters} counter${input.counters === 1 ? '' : 's'}`,
    `ρ = λ/(cμ) = ${summary.offeredUtilisation.toFixed(4)}; ${input.minutes} minutes, the first ${input.warmup} not measured; ` +
      `${summary.replications} replication${summary.replications === 1 ? '' : 's'} (seeds ${input.seed}${last > input.seed ? `–${last}` : ''})`,
  ];
  if (!summary.stable)
    lines.push(
      'ρ ≥ 1: no steady state, the queue grows through the run; no closed form, the figures are this run’s.',
    );
  else if (!summary.closedForm)
    lines.push('No closed form beside it: Erlang C holds for Poisson arrivals and exponential service.');
  const rows = mmcMeasures.map((measure) => {
    const { digits, label } = measureNames[measure];
    const value = summary.measures[measure];
    const f = (n: number | null) => (n === null ? '–' : n.toFixed(digits));
    return [
      label,
      f(value.mean),
      value.low === null ? '–' : `${f(value.low)} – ${f(value.high)}`,
      f(value.closedForm),
    ];
  });
  const header = ['measure', 'mean', '95% interval', 'closed form'];
  lines.push('', ...alignedTable(header, rows));
  return `${lines.join('\n')}\n`;
}

/** `--officers interview=6,documents=2` as a record. */
export function officersOption(text: string, usage: (message: string) => Error): Record<string, number> {
  const officers: Record<string, number> = {};
  for (const part of text.split(',')) {
    const match = /^\s*([a-z][a-z0-9_]{1,30})\s*=\s*(-?\d+)\s*$/.exec(part);
    if (!match)
      throw usage(`--officers STAGE=N[,STAGE=N…], e.g. interview=6, not ${part.trim() || '(empty)'}`);
    officers[match[1] as string] = Number(match[2]);
  }
  return officers;
}

/**
 * `--quota FILE`: the lanes' quotas per window in the office configuration's format, as
 * `loket plan-quota` writes them: `{"lanes":[{"id":"regular","quotaPerWindow":23},…]}` (a whole
 * office configuration reads the same way).
 */
export function quotaFile(
  text: string,
  file: string,
  usage: (message: string) => Error,
): Record<string, number> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw usage(`--quota ${file}: not JSON (${(error as Error).message})`);
  }
  const lanes = (raw as { lanes?: unknown } | null)?.lanes;
  if (!Array.isArray(lanes))
    throw usage(`--quota ${file}: expected {"lanes":[{"id":"regular","quotaPerWindow":N},…]}`);
  const quota: Record<string, number> = {};
  for (const lane of lanes as { id?: unknown; quotaPerWindow?: unknown }[]) {
    if (typeof lane?.id !== 'string' || typeof lane.quotaPerWindow !== 'number')
      throw usage(`--quota ${file}: every lane needs an id and a quotaPerWindow number`);
    if (lane.id !== 'standby') quota[lane.id] = lane.quotaPerWindow;
  }
  return quota;
}

/** A floor day takes none of the textbook queue's options: said before any floor is opened. */
export function refuseTextbookOptions(options: SimulateOptions, usage: (message: string) => Error): void {
  for (const name of ['lambda', 'mu', 'counters', 'minutes', 'warmup', 'service', 'arrivals'] as const)
    if (options[name] !== undefined) throw usage(`--${name} is the textbook queue's: add --model mmc`);
}

/** `loket simulate [--model floor] …`: a day at the office under each policy, side by side. */
async function simulateDay(
  options: SimulateOptions,
  sources: SimulateSources,
  out: { write(text: string): void; progress(line: string): void },
  usage: (message: string) => Error,
): Promise<number> {
  refuseTextbookOptions(options, usage);
  const format = options.format ?? 'table';
  if (!(floorFormats as readonly string[]).includes(format))
    throw usage(`--format must be one of ${floorFormats.join(', ')}, not ${format}`);
  const whole = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    if (!/^-?\d+$/.test(text.trim())) throw usage(`${flag} must be a whole number, not ${text}`);
    return Number(text);
  };
  if (options.booked && options.quota)
    throw usage("--booked simulates the day's bookings; --quota generates them: one or the other");
  if (options.booked && sources.dataDir === undefined)
    throw usage("--booked reads the day's bookings: give --data DIR");
  const choices = {
    ...(options.officers !== undefined ? { officers: officersOption(options.officers, usage) } : {}),
    ...(options.quota !== undefined
      ? { bookingsPerWindow: quotaFile(sources.readFile(options.quota), options.quota, usage) }
      : {}),
    ...(options.booked ? { bookedDay: true } : {}),
  };
  const policies = options.policy?.split(',').map((p) => p.trim());
  const seeds = whole('--seeds', options.seeds);
  // A worker takes about 2.5 s to start here (tsx compiles the model in each thread), while a
  // simulated day takes about 8 ms: workers pay only from about 600 days of work (bench: 200 days
  // took 1.8–2.4 s in one thread, 5.0–6.0 s in two).
  const threads =
    whole('--threads', options.threads) ??
    ((seeds ?? 50) * (policies?.length ?? 2) >= 600
      ? Math.min(os.availableParallelism(), maxSimulationThreads)
      : 1);
  try {
    const summary = await withDaySource(sources, usage, (source) =>
      simulateFloorDay(
        floorDayFor(source, { date: options.date ?? source.today, ...choices }),
        {
          ...(policies ? { policies } : {}),
          ...(seeds !== undefined ? { seeds } : {}),
          ...(options.seed !== undefined ? { seed: whole('--seed', options.seed) } : {}),
        },
        {
          threads,
          progress: (done, total) => {
            if (done === total || done % 20 === 0) out.progress(`Seed ${done} of ${total}`);
          },
        },
      ),
    );
    out.write(
      format === 'json'
        ? `${JSON.stringify(summary, null, 2)}\n`
        : format === 'csv'
          ? floorDayCsv(summary)
          : floorDayTable(summary),
    );
    return 0;
  } catch (error) {
    if (isLoketError(error) && error.code === 'INVALID_INPUT') {
      const field = String(error.details.field ?? 'input');
      const flag =
        field === 'policies'
          ? '--policy'
          : field.startsWith('officers')
            ? '--officers'
            : field.startsWith('bookingsPerWindow')
              ? '--quota'
              : field.startsWith('bookings')
                ? '--quota'
                : field === 'date'
                  ? '--date'
                  : (optionOf[field] ?? field);
      throw usage(`${flag}: ${String(error.details.message)}`);
    }
    throw error;
  }
}
