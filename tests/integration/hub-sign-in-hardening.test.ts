import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { addUser, checkCredentials } from '../../src-main/services/officers.ts';
import { at } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

let t: TestHub | null = null;

afterEach(async () => {
  await t?.close();
  t = null;
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return ((sorted[4] as number) + (sorted[5] as number)) / 2;
}

async function signIn(token: string, secret: string): Promise<Response> {
  return fetch(`${t?.hub.url}/api/signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ username: 'sri', secret }),
  });
}

describe('signing in gives nothing away and forgets nothing', () => {
  it('takes as long for an unknown username as for a known one with a wrong PIN', async () => {
    t = await startTestHub();
    const ctx = { store: t.hub.store, clock: t.clock };
    addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '246810' });
    const timed = (username: string): number => {
      const start = performance.now();
      expect(() => checkCredentials(ctx, username, '999999')).toThrow();
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 10; i++) {
      known.push(timed('ayu'));
      unknown.push(timed(`nobody${i}`));
    }
    const ratio = median(known) / median(unknown);
    expect(ratio, `known ${median(known)} ms, unknown ${median(unknown)} ms`).toBeLessThan(1.5);
    expect(ratio).toBeGreaterThan(1 / 1.5);
  });

  it('keeps a PIN lockout across a hub restart and says when to try again', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-lockout-'));
    const first = await startTestHub({ dataDir });
    addUser({ store: first.hub.store, clock: first.clock }, commandLine, {
      username: 'sri',
      name: 'Sri Wahyuni',
      role: 'supervisor',
      secret: '112233',
    });
    const token = first.pair('supervisor', 'Supervisor');
    t = first;
    for (let i = 0; i < 5; i++) expect((await signIn(token, '999999')).status).toBe(401);
    const locked = await signIn(token, '112233');
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as any).error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers.get('retry-after'))).toBe(300);

    await first.hub.close();
    // The IT person restarts the hub a minute later: the lockout is still there.
    t = await startTestHub({ dataDir, now: at('2026-11-30', '09:16') });
    const still = await signIn(token, '112233');
    expect(still.status).toBe(429);
    expect(((await still.json()) as any).error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(still.headers.get('retry-after'))).toBe(240);

    // Once the five minutes are over, the right PIN signs in.
    t.clock.set(at('2026-11-30', '09:20'));
    expect((await signIn(token, '112233')).status).toBe(200);
  });

  it('leaves the officer’s last activity alone when an operation is refused', async () => {
    t = await startTestHub();
    addUser({ store: t.hub.store, clock: t.clock }, commandLine, {
      username: 'ayu',
      name: 'Ayu Lestari',
      role: 'officer',
      secret: '246810',
    });
    const desk = t.pair('counter', 'Loket 1');
    expect((await t.call('signIn', { username: 'ayu', secret: '246810', counter: 1 }, desk)).status).toBe(
      200,
    );
    const lastActive = () =>
      t?.hub.store.db
        .prepare('SELECT last_active_at FROM officer_sessions WHERE ended_at IS NULL')
        .pluck()
        .get() as number;
    const signedInAt = lastActive();
    t.clock.advanceMinutes(3);
    const events = t.hub.store.events.lastSeq();

    // Nothing is waiting: a ticket called out of order is not found, and nothing is written.
    const refused = await t.call('callTicket', { number: 'A2-099', reason: 'medical' }, desk);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(['OFFICER_REQUIRED', 'LOCKED']).not.toContain(refused.body.error.code);
    expect(lastActive()).toBe(signedInAt);
    expect(t.hub.store.events.lastSeq()).toBe(events);

    // What the officer does succeed at keeps the session open.
    expect((await t.call('setCounterState', { state: 'on_break', reason: 'rapat' }, desk)).status).toBe(200);
    expect(lastActive()).toBe(signedInAt + 3 * 60_000);
  });
});
