// The same sections measured on another checkout of Loket (an earlier commit), alternating with this
// tree's in one run: `npm run bench -- --only checkin,callToBoard --baseline DIR [--ab-rounds 2]`.
// The baseline runs its own bench (its hub, its CLI, its bench code) as a child process, so each
// side is measured by the code it shipped with; the figures are compared round by round.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir, track } from './support.ts';

/** The figures compared: the latency of each section, on both sides. */
const compared = [
  ['checkin', 'p50'],
  ['checkin', 'p99'],
  ['checkinBurst', 'p50'],
  ['checkinBurst', 'p99'],
  ['callToBoard', 'p50'],
  ['callToBoard', 'p99'],
] as const;

type Figures = Partial<Record<`${(typeof compared)[number][0]}.${(typeof compared)[number][1]}`, number>>;

export function figuresOf(results: Record<string, unknown>): Figures {
  const out: Figures = {};
  for (const [key, stat] of compared) {
    const value = (results[key] as Record<string, unknown> | undefined)?.[stat];
    if (typeof value === 'number') out[`${key}.${stat}`] = value;
  }
  return out;
}

function gitRev(dir: string): string {
  try {
    const head = fs.readFileSync(path.join(dir, '.git'), 'utf8').trim();
    return head.startsWith('gitdir:') ? `worktree ${head.slice(8)}` : head;
  } catch {
    return 'unknown';
  }
}

/** Runs the baseline checkout's bench for `sections`; answers the figures it wrote. */
export async function runBaseline(dir: string, sections: string[], extraArgs: string[]): Promise<Figures> {
  const out = path.join(tempDir('loket-bench-baseline-'), 'bench.json');
  const child = spawn(
    process.execPath,
    [
      path.join(dir, 'bin/run-ts.js'),
      path.join(dir, 'tests/bench/run.ts'),
      '--only',
      sections.join(','),
      '--out',
      out,
      ...extraArgs,
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await track(child, 'baseline bench').exited;
  if (code !== 0) throw new Error(`the baseline's bench exited ${code}: ${output.slice(-2000)}`);
  return figuresOf(JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>);
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Each figure's median over the rounds, on both sides, and this tree's over the baseline's. */
export function comparison(dir: string, current: Figures[], baseline: Figures[]) {
  const keys = Object.keys(current[0] ?? {}) as (keyof Figures)[];
  const medianOf = (side: Figures[]) =>
    Object.fromEntries(keys.map((k) => [k, median(side.map((f) => f[k] ?? NaN))])) as Figures;
  const now = medianOf(current);
  const before = medianOf(baseline);
  const ratios = Object.fromEntries(
    keys.map((k) => [k, Math.round(((now[k] ?? NaN) / (before[k] ?? NaN)) * 1000) / 1000]),
  ) as Figures;
  return {
    baseline: { dir, rev: gitRev(dir) },
    rounds: current.length,
    current,
    before: baseline,
    median: { now, before },
    ratios,
  };
}
