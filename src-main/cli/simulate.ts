import os from 'node:os';
import { isLoketError } from '../domain/errors.ts';
import { mmcMeasures, simulationModels, type MmcMeasure, type MmcSummary } from '../domain/simulation/mmc.ts';
import { maxSimulationThreads, simulateTextbookQueue } from '../services/simulation/textbookQueue.ts';

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
}

export const simulateFormats = ['table', 'json'] as const;

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
  out: { write(text: string): void; progress(line: string): void },
  usage: (message: string) => Error,
): Promise<number> {
  if (options.model === undefined)
    throw usage(`simulate needs --model, one of: ${simulationModels.join(', ')}`);
  if (!(simulationModels as readonly string[]).includes(options.model))
    throw usage(`unknown model ${options.model}: --model must be one of ${simulationModels.join(', ')}`);
  const format = options.format ?? 'table';
  if (!(simulateFormats as readonly string[]).includes(format))
    throw usage(`--format must be one of ${simulateFormats.join(', ')}, not ${format}`);
  for (const name of ['lambda', 'mu', 'counters', 'minutes'] as const)
    if (options[name] === undefined) throw usage(`simulate --model mmc needs ${optionOf[name]}`);

  const numberOf = (name: keyof typeof optionOf & keyof SimulateOptions) => {
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
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number)))
      .join('  ');
  lines.push('', line(header), '-'.repeat(line(header).length), ...rows.map(line));
  return `${lines.join('\n')}\n`;
}
