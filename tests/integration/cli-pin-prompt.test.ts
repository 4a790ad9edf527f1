import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkCredentials } from '../../src-main/services/officers.ts';
import { readFloor } from '../support/floor.ts';
import { loketBin, projectRoot, runLoket } from '../support/hub.ts';

// An IT person adds an officer at the hub's terminal: the PIN is asked for, never shown, and never
// on the command line. `script` gives the command a real pseudo-terminal.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `loket ARGS` on a terminal, answering each prompt as it appears; resolves with what the terminal showed. */
function atTerminal(
  args: string[],
  answers: [RegExp, string][],
): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, loketBin, ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: projectRoot });
  let screen = '';
  let next = 0;
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    const answer = answers[next];
    if (answer && answer[0].test(screen.slice(screen.lastIndexOf('\n') + 1) || screen)) {
      next += 1;
      child.stdin.write(answer[1]);
    }
  });
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    }),
  );
}

describe('loket user at a terminal', () => {
  it('asks for the PIN twice without echo, and the officer signs in with it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-pin-'));
    dirs.push(dir);
    const { code, screen } = await atTerminal(
      ['user', 'add', '--username', 'sari', '--name', 'Ibu Sari', '--role', 'supervisor', '--data', dir],
      [
        [/PIN: $/, '864209\r'],
        [/PIN \(again\): $/, '864209\r'],
      ],
    );
    expect(code, screen).toBe(0);
    expect(screen).toContain('Added supervisor sari');
    expect(screen).not.toContain('864209');
    readFloor(dir, (store) => {
      expect(() =>
        checkCredentials({ store, clock: { now: () => Date.now() } }, 'sari', '864209'),
      ).not.toThrow();
    });
  });

  it('changes nothing when the two PINs differ', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-pin-'));
    dirs.push(dir);
    const { code, screen } = await atTerminal(
      ['user', 'add', '--username', 'sari', '--name', 'Ibu Sari', '--role', 'supervisor', '--data', dir],
      [
        [/PIN: $/, '864209\r'],
        [/PIN \(again\): $/, '864200\r'],
      ],
    );
    expect(code).toBe(1);
    expect(screen).toContain('differ');
    expect(readFloor(dir, (store) => store.officers.users())).toEqual([]);
  });

  it('still reads the PIN from a pipe', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-pin-'));
    dirs.push(dir);
    const child = spawn(
      process.execPath,
      [loketBin, 'user', 'add', '--username', 'made', '--name', 'Made', '--role', 'officer', '--data', dir],
      { cwd: projectRoot },
    );
    child.stdin.end('246802\n');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect((await runLoket(['user', 'list', '--data', dir])).stdout).toContain('made');
  });

  it('`user set --pin-stdin` asks for the new PIN twice without echo; the old one stops working', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-pin-'));
    dirs.push(dir);
    await addFromPipe(dir, 'sari', '864209');
    const { code, screen } = await atTerminal(
      ['user', 'set', 'sari', '--pin-stdin', '--data', dir],
      [
        [/New PIN: $/, '531975\r'],
        [/New PIN \(again\): $/, '531975\r'],
      ],
    );
    expect(code, screen).toBe(0);
    expect(screen).not.toContain('531975');
    readFloor(dir, (store) => {
      const ctx = { store, clock: { now: () => Date.now() } };
      expect(() => checkCredentials(ctx, 'sari', '531975')).not.toThrow();
      expect(() => checkCredentials(ctx, 'sari', '864209')).toThrow();
    });
  });

  it('`user set --pin-stdin` refuses a short PIN in words and keeps the old one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-pin-'));
    dirs.push(dir);
    await addFromPipe(dir, 'sari', '864209');
    const { code, screen } = await atTerminal(
      ['user', 'set', 'sari', '--pin-stdin', '--data', dir],
      [
        [/New PIN: $/, '1234\r'],
        [/New PIN \(again\): $/, '1234\r'],
      ],
    );
    expect(code).toBe(1);
    expect(screen).toContain('A PIN has at least 6 digits');
    readFloor(dir, (store) => {
      expect(() =>
        checkCredentials({ store, clock: { now: () => Date.now() } }, 'sari', '864209'),
      ).not.toThrow();
    });
  });

  it('`user set --pin-stdin` still reads the new PIN from a pipe', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-pin-'));
    dirs.push(dir);
    await addFromPipe(dir, 'made', '246802');
    const child = spawn(process.execPath, [loketBin, 'user', 'set', 'made', '--pin-stdin', '--data', dir], {
      cwd: projectRoot,
    });
    child.stdin.end('808182\n');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    readFloor(dir, (store) => {
      expect(() =>
        checkCredentials({ store, clock: { now: () => Date.now() } }, 'made', '808182'),
      ).not.toThrow();
    });
  });
});

/** `loket user add` with the PIN on a pipe, as a script adds an officer. */
async function addFromPipe(dir: string, username: string, secret: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [loketBin, 'user', 'add', '--username', username, '--name', username, '--role', 'officer', '--data', dir],
    { cwd: projectRoot },
  );
  child.stdin.end(`${secret}\n`);
  expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
}
