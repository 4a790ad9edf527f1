// `npm run bench -- [--out FILE] [--only NAME,…] [--requests N] [--warmup N] [--concurrency N] [--rounds N]
//                  [--subscribers N] [--hub-node-args="--cpu-prof --cpu-prof-dir=DIR"]
//                  [--history-days N] [--history-visits N] [--history-from DIR]
//                  [--central-offices N] [--central-visits N] [--central-year-days N] [--central-year-visits N]
//                  [--baseline DIR [--ab-rounds N]]`
//
// Runs the benchmark's sections one after another and merges what they measured into the JSON
// results file: each section replaces the top-level keys it owns and adds its entries to the shared
// `targets`; keys written by other sections (later issues) stay as they are. The bench reports and
// does not gate: it exits 0 whether the targets are met or not, and 1 only when the run itself
// failed (a request errored, a process failed).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkinSection } from './checkin.ts';
import { scanToPrintSection } from './scanToPrint.ts';
import { callToBoardSection } from './callToBoard.ts';
import { soakSection } from './soak.ts';
import { reportsSection } from './reports.ts';
import { simulateSection } from './simulate.ts';
import { centralSection } from './central.ts';
import { comparison, figuresOf, runBaseline } from './baseline.ts';
import {
  cleanUp,
  cleanUpNow,
  machine,
  tempDir,
  track,
  type BenchContext,
  type BenchOptions,
  type Section,
  type SectionResult,
} from './support.ts';

/** Every section, in the order they run. A later issue adds its module here. */
const sections: Section[] = [
  checkinSection,
  scanToPrintSection,
  callToBoardSection,
  soakSection,
  reportsSection,
  simulateSection,
  centralSection,
];

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'bench-results/bench.json' },
    only: { type: 'string' },
    requests: { type: 'string', default: '4000' },
    warmup: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '4' },
    subscribers: { type: 'string', default: '20' },
    'hub-node-args': { type: 'string', default: '' },
    /** The `reports` section's history: working days and visits a day (default a year: 250 × 1000). */
    'history-days': { type: 'string', default: '250' },
    'history-visits': { type: 'string', default: '1000' },
    /** A history generated before (a folder with loket.db and history.json): copied, not generated again. */
    'history-from': { type: 'string' },
    /** The `central` section's volume (defaults in central.ts: 150 offices, 300 visits, 250 days of 100). */
    'central-offices': { type: 'string' },
    'central-visits': { type: 'string' },
    'central-year-days': { type: 'string' },
    'central-year-visits': { type: 'string' },
    /** Another checkout of Loket (an earlier commit) measured alternately with this one. */
    baseline: { type: 'string' },
    'ab-rounds': { type: 'string', default: '2' },
  },
});

const positive = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not ${text}`);
  return n;
};
const options: BenchOptions = {
  requests: positive('requests', values.requests),
  warmup: positive('warmup', values.warmup),
  concurrency: positive('concurrency', values.concurrency),
  rounds: positive('rounds', values.rounds),
  subscribers: values.subscribers === '0' ? 0 : positive('subscribers', values.subscribers),
  hubNodeArgs: values['hub-node-args'].split(' ').filter(Boolean),
  historyDays: positive('history-days', values['history-days']),
  historyVisitsPerDay: positive('history-visits', values['history-visits']),
  ...(values['history-from'] ? { historyFrom: values['history-from'] } : {}),
  ...(values['central-offices']
    ? { centralOffices: positive('central-offices', values['central-offices']) }
    : {}),
  ...(values['central-visits']
    ? { centralVisits: positive('central-visits', values['central-visits']) }
    : {}),
  ...(values['central-year-days']
    ? { centralYearDays: positive('central-year-days', values['central-year-days']) }
    : {}),
  ...(values['central-year-visits']
    ? { centralYearVisits: positive('central-year-visits', values['central-year-visits']) }
    : {}),
};
const only = values.only?.split(',').map((s) => s.trim());
const chosen = only ? sections.filter((s) => only.includes(s.name)) : sections;
if (only && chosen.length !== only.length) {
  console.error(`bench: unknown section in --only ${values.only}; known: ${sections.map((s) => s.name)}`);
  process.exit(1);
}
const outFile = path.resolve(values.out);

function readExisting(file: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function writeMerged(file: string, results: SectionResult[]): void {
  const merged = readExisting(file);
  const targets = { ...((merged.targets as Record<string, boolean> | undefined) ?? {}) };
  for (const result of results) {
    Object.assign(merged, result.keys);
    Object.assign(targets, result.targets);
  }
  merged.targets = targets;
  merged.machine = machine();
  merged.at = new Date().toISOString();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(merged, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

const context: BenchContext = {
  options,
  log: (line) => console.log(line),
  tempDir,
  track,
};

let interrupted = false;
const interrupt = (signal: NodeJS.Signals) => {
  if (interrupted) return;
  interrupted = true;
  console.error(`bench: ${signal}, stopping…`);
  void cleanUp().finally(() => process.exit(130));
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);
process.on('exit', cleanUpNow);

async function main(): Promise<number> {
  const results: SectionResult[] = [];
  let failed = false;
  for (const section of chosen) {
    try {
      results.push(await section.run(context));
    } catch (error) {
      failed = true;
      if (!interrupted)
        console.error(`bench: ${section.name} failed: ${(error as Error)?.stack ?? String(error)}`);
    } finally {
      await cleanUp();
    }
  }
  if (values.baseline && !failed) results.push(await againstBaseline(values.baseline, results));
  if (results.length) writeMerged(outFile, results);

  console.log('');
  for (const result of results) for (const line of result.summary) console.log(line);
  for (const result of results) {
    for (const failure of result.failures) {
      failed = true;
      console.error(`bench: run not valid: ${failure}`);
    }
  }
  if (results.length) console.log(`\nresults written to ${values.out}`);
  return failed ? 1 : 0;
}

/**
 * This tree's sections and the baseline's, alternating (this, baseline, this, baseline, …) so that
 * whatever else the machine does weighs on both: the first round of this tree is the one above.
 */
async function againstBaseline(dir: string, first: SectionResult[]): Promise<SectionResult> {
  const names: string[] = chosen
    .map((s) => s.name)
    .filter((name) => name === 'checkin' || name === 'callToBoard');
  const rounds = positive('ab-rounds', values['ab-rounds']);
  const passOn = [
    '--requests',
    values.requests,
    '--warmup',
    values.warmup,
    '--concurrency',
    values.concurrency,
  ];
  passOn.push('--rounds', values.rounds, '--subscribers', values.subscribers);
  const mine = (results: SectionResult[]) =>
    figuresOf(Object.assign({}, ...results.map((r) => r.keys)) as Record<string, unknown>);
  const current = [mine(first)];
  const before = [];
  for (let round = 0; round < rounds; round += 1) {
    console.log(`bench: baseline ${dir}, round ${round + 1} of ${rounds}…`);
    before.push(await runBaseline(dir, names, passOn));
    await cleanUp();
    if (round + 1 === rounds) break;
    const again: SectionResult[] = [];
    for (const section of chosen.filter((s) => names.includes(s.name))) {
      again.push(await section.run(context));
      await cleanUp();
    }
    current.push(mine(again));
  }
  const result = comparison(dir, current, before);
  const within = (key: keyof typeof result.ratios) => (result.ratios[key] ?? Infinity) <= 1.1;
  return {
    keys: { againstBaseline: result },
    targets: {
      ...(result.ratios['checkin.p50'] !== undefined
        ? { checkinWithin10PctOfBaseline: within('checkin.p50') && within('checkin.p99') }
        : {}),
      ...(result.ratios['callToBoard.p50'] !== undefined
        ? { callToBoardWithin10PctOfBaseline: within('callToBoard.p50') && within('callToBoard.p99') }
        : {}),
    },
    failures: [],
    summary: [
      `against the baseline ${dir} (${result.rounds} alternating rounds each, medians, this tree / baseline):`,
      ...Object.entries(result.ratios).map(
        ([key, ratio]) =>
          `  ${key}: ${result.median.now[key as keyof typeof result.ratios]} ms / ${result.median.before[key as keyof typeof result.ratios]} ms = ${ratio}×`,
      ),
    ],
  };
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    console.error(`bench: ${(error as Error)?.stack ?? String(error)}`);
    await cleanUp();
    process.exitCode = 1;
  },
);
