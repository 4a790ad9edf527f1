import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureCupsPdf } from '../support/cups.ts';
import { projectRoot } from '../support/hub.ts';

/**
 * `npm test` starts with scripts/provision.sh: what the tests need of the machine. Every test here
 * runs on a machine that has it all (the rest of the suite needs it too), so the script must pass
 * through quickly and touch nothing; a machine missing a package is played by a dpkg-query that
 * says so, run as a user who cannot install it.
 */

const run = promisify(execFile);
const script = path.join(projectRoot, 'scripts/provision.sh');
const isRoot = process.getuid?.() === 0;
let shim: string;
/**
 * The script as `nobody` can run it: a copy in a folder anyone may enter, since the checkout may
 * sit below one only its owner can (a clean clone in a `mktemp -d` folder).
 */
let openCopy: string;

/** Runs the script as `nobody` when the tests run as root (setpriv), else as the user running them. */
async function provision(
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const [file, args] = isRoot
    ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', openCopy]]
    : [script, []];
  const started = Date.now();
  try {
    const { stdout, stderr } = await run(file, args, { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr, ms: Date.now() - started };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr, ms: Date.now() - started };
  }
}

beforeAll(async () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-provision-script-'));
  fs.mkdirSync(path.join(copy, 'scripts'));
  openCopy = path.join(copy, 'scripts/provision.sh');
  fs.copyFileSync(script, openCopy);
  for (const [file, mode] of [
    [copy, 0o755],
    [path.dirname(openCopy), 0o755],
    [openCopy, 0o755],
  ] as const)
    fs.chmodSync(file, mode);
  // The CUPS queue the print tests use, made if this is root (as the print tests do themselves).
  await ensureCupsPdf();
}, 90_000);

beforeEach(() => {
  shim = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-provision-'));
  fs.chmodSync(shim, 0o755);
});

afterEach(() => {
  fs.rmSync(shim, { recursive: true, force: true });
});

afterAll(() => {
  if (openCopy) fs.rmSync(path.dirname(path.dirname(openCopy)), { recursive: true, force: true });
});

/** A dpkg-query that answers as the real one but says `pkg` is not installed. */
function without(pkg: string): string {
  const file = path.join(shim, 'dpkg-query');
  fs.writeFileSync(file, `#!/bin/sh\n/usr/bin/dpkg-query "$@" | sed 's/^${pkg} ii/${pkg} un/'\n`, {
    mode: 0o755,
  });
  return `${shim}:${process.env.PATH ?? ''}`;
}

describe('scripts/provision.sh (the first step of npm test)', () => {
  it('passes through at once, saying nothing, when the machine has everything', async () => {
    const asRoot = isRoot ? await run(script, [], { timeout: 60_000 }) : null;
    if (asRoot) expect(asRoot).toEqual({ stdout: '', stderr: '' });
    const result = await provision();
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    // A dpkg-query and an lpstat: well under the time any install or CUPS set-up would take.
    expect(result.ms).toBeLessThan(5_000);
  });

  it('stops a user who cannot install with the one command to run, and installs nothing', async () => {
    const result = await provision({ PATH: without('socat') });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('npm test needs the Debian packages socat on this machine');
    const command = fs.existsSync('/usr/bin/sudo')
      ? 'sudo apt-get install -y socat'
      : "su root -c 'apt-get install -y socat'";
    expect(result.stderr.split('\n')).toContain(`  ${command}`);
    expect(result.ms).toBeLessThan(5_000);
  });

  it('names the CUPS queue too when it is not there, and the script that makes it', async () => {
    const result = await provision({ PATH: without('tesseract-ocr'), LOKET_CUPS_QUEUE: 'LoketPDFMissing' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the Debian packages tesseract-ocr and the CUPS queue LoketPDFMissing');
    expect(result.stderr).toMatch(/apt-get install -y tesseract-ocr && (sudo )?scripts\/cups-pdf\.sh/);
  });

  it('is what npm test runs first, and what .ci/run runs before npm ci (compilers), with no list of its own', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.test?.startsWith('scripts/provision.sh && ')).toBe(true);
    const ci = fs.readFileSync(path.join(projectRoot, '.ci/run'), 'utf8');
    expect(ci).not.toContain('apt-get');
    expect(ci.indexOf('scripts/provision.sh\n')).toBeGreaterThan(-1);
    expect(ci.indexOf('scripts/provision.sh\n')).toBeLessThan(ci.indexOf('npm ci --no-audit --no-fund'));
  });
});
