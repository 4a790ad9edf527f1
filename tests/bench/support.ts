// Shared pieces of the benchmark: the section interface, statistics, tracked child processes and
// temporary folders (all cleaned up at the end, also on failure), and the machine description.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');
export const loketBin = path.join(projectRoot, 'bin/loket.js');
export const runTsBin = path.join(projectRoot, 'bin/run-ts.js');
/** Every server the bench starts listens here, and only here. */
export const loopback = '127.0.0.1';

export interface BenchOptions {
  /** Measured requests per target. */
  requests: number;
  /** Requests per target sent first and not measured. */
  warmup: number;
  /** The measured requests are sent in this many rounds, alternating between targets. */
  rounds: number;
  /** Concurrent closed-loop clients (kiosks). */
  concurrency: number;
  /** WebSocket subscribers held on the hub's event stream during the check-in run (0: none). */
  subscribers: number;
  /** Extra `node` arguments for the hub's process, for profiling (e.g. --cpu-prof). */
  hubNodeArgs: string[];
  /** The `reports` section's history: working days, and visits on each (a year: 250 × 1000). */
  historyDays: number;
  historyVisitsPerDay: number;
  /** A history generated before, copied instead of generated (`history.json` beside its `loket.db`). */
  historyFrom?: string;
  /** The `central` section's volume when not its defaults (central.ts): offices, visits a busy day, the year's days and visits a day. */
  centralOffices?: number;
  centralVisits?: number;
  centralYearDays?: number;
  centralYearVisits?: number;
}

/** What a section hands back: the top-level keys it owns and the targets it judged. */
export interface SectionResult {
  /** Top-level keys of the results file this section owns; each replaces the stored one whole. */
  keys: Record<string, unknown>;
  /** Merged into the file's shared `targets` object: name → met. */
  targets: Record<string, boolean>;
  /** Lines for the human summary. */
  summary: string[];
  /** Why the run itself is not valid (errors, failed processes); empty when it is. */
  failures: string[];
}

/** One part of the benchmark: later issues add a module exporting one of these. */
export interface Section {
  name: string;
  run(bench: BenchContext): Promise<SectionResult>;
}

export interface BenchContext {
  options: BenchOptions;
  log(line: string): void;
  tempDir(prefix: string): string;
  track(child: ChildProcess, name: string): TrackedProcess;
}

export interface TrackedProcess {
  child: ChildProcess;
  name: string;
  /** Output seen so far (stdout and stderr), for error messages. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with how it ended. */
  stop(graceMs?: number): Promise<number | string>;
}

// ---------------------------------------------------------------------------------------------
// Statistics

export interface LatencyStats {
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
  stdev: number;
}

export const ms3 = (value: number): number => Math.round(value * 1000) / 1000;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function latencyStats(samplesMs: number[]): LatencyStats {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = n ? sorted.reduce((sum, x) => sum + x, 0) / n : Number.NaN;
  const variance = n ? sorted.reduce((sum, x) => sum + (x - mean) ** 2, 0) / n : Number.NaN;
  return {
    p50: ms3(percentile(sorted, 50)),
    p90: ms3(percentile(sorted, 90)),
    p99: ms3(percentile(sorted, 99)),
    mean: ms3(mean),
    min: ms3(sorted[0] ?? Number.NaN),
    max: ms3(sorted[n - 1] ?? Number.NaN),
    stdev: ms3(Math.sqrt(variance)),
  };
}

/** CPU time (user + system) a process has used so far, in ms; null where /proc is not there. */
export function processCpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

export function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? null,
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    tmpdir: os.tmpdir(),
  };
}

// ---------------------------------------------------------------------------------------------
// Processes and folders, tracked so that nothing outlives the run

const tracked = new Set<TrackedProcess>();
const tempDirs = new Set<string>();

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function track(child: ChildProcess, name: string): TrackedProcess {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (error) => {
      output += `\n${error.message}`;
      resolve('spawn error');
    });
  });
  const entry: TrackedProcess = {
    child,
    name,
    output: () => output,
    exited,
    async stop(graceMs = 5000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      tracked.delete(entry);
      return exited;
    },
  };
  tracked.add(entry);
  void exited.then(() => tracked.delete(entry));
  return entry;
}

/** Stops every tracked process and removes every temporary folder. */
export async function cleanUp(): Promise<void> {
  await Promise.all([...tracked].map((p) => p.stop(3000)));
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/** Last resort when the process exits without cleanUp (synchronous: kill, remove). */
export function cleanUpNow(): void {
  for (const p of tracked) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
}

/** Runs the `loket` command to completion. */
export async function runLoket(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [loketBin, ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const p = track(child, `loket ${args[0] ?? ''}`);
  const code = await p.exited;
  return { code, stdout, stderr };
}

/** Forks a TypeScript module of the bench as its own Node process with an IPC channel. */
export function forkTs(file: string, name: string, args: string[] = []): TrackedProcess {
  const child = fork(runTsBin, [path.join(import.meta.dirname, file), ...args], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  return track(child, name);
}

/** Waits for the first IPC message of a type, failing if the process ends or the time runs out. */
export function nextMessage<T extends { type: string }>(
  p: TrackedProcess,
  type: T['type'],
  timeoutMs = 30_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: unknown) => {
      const m = message as { type?: string; error?: string };
      if (m?.type === type) {
        done();
        resolve(message as T);
      } else if (m?.type === 'error') {
        done();
        reject(new Error(`${p.name}: ${m.error}`));
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      done();
      reject(new Error(`${p.name} exited (${code ?? signal}) before "${type}": ${p.output().slice(-2000)}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${p.name}: no "${type}" within ${timeoutMs} ms: ${p.output().slice(-2000)}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      p.child.off('message', onMessage);
      p.child.off('exit', onExit);
    };
    p.child.on('message', onMessage);
    p.child.on('exit', onExit);
  });
}

/** Waits until a process prints a line matching `pattern`; returns the first capture group. */
export function waitForOutput(p: TrackedProcess, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(p.output());
      if (match) {
        done();
        resolve(match[1] ?? match[0]);
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      done();
      reject(new Error(`${p.name} exited (${code ?? signal}): ${p.output().slice(-2000)}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${p.name} printed nothing matching ${pattern} in ${timeoutMs} ms: ${p.output()}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      p.child.stdout?.off('data', check);
      p.child.stderr?.off('data', check);
      p.child.off('exit', onExit);
    };
    p.child.stdout?.on('data', check);
    p.child.stderr?.on('data', check);
    p.child.on('exit', onExit);
    check();
  });
}

/** One operation on a hub with a station's bearer token; anything but 200 is an error. */
export async function postOperation(
  url: string,
  token: string,
  operation: string,
  input: unknown,
): Promise<any> {
  const response = await fetch(`${url}/api/${operation}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as unknown;
  if (!response.ok) throw new Error(`${operation}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** `loket hub` on loopback in its own process at the bench's moment; answers it and its address. */
export async function startLoketHub(
  bench: BenchContext,
  dataDir: string,
  name: string,
  now: string,
  nodeArgs: readonly string[] = [],
): Promise<{ hub: TrackedProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, loketBin, 'hub', '--data', dataDir, '--port', '0', '--host', loopback],
    { cwd: projectRoot, env: { ...process.env, LOKET_NOW: now }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const hub = bench.track(child, name);
  const url = await waitForOutput(hub, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { hub, url };
}
