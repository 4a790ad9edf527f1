import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../src-main/api/invoke.ts';
import { AttemptLimiter } from '../../src-main/domain/attempts.ts';
import { isLoketError } from '../../src-main/domain/errors.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { addUser, changeUser, signIn } from '../../src-main/services/officers.ts';
import { addStation } from '../../src-main/services/stations.ts';
import type { Station } from '../../src-main/store/stations.ts';
import { at, makeFloor, type TestFloor } from '../support/floor.ts';

// The admin manages officers' accounts on the supervisor console: the same rules as `loket user`
// (the PIN policy, the lockout), an admin named in every event, never a PIN in an answer or the log.

let floor: TestFloor;
let ctx: TestFloor['ctx'] & { signInAttempts: AttemptLimiter };
let console_: Station;

beforeEach(() => {
  floor = makeFloor({ now: at('2026-11-30', '08:00') });
  ctx = { ...floor.ctx, signInAttempts: new AttemptLimiter(5, 5 * 60_000, floor.store.signInFailures) };
  addUser(ctx, commandLine, { username: 'dewi', name: 'Dewi Admin', role: 'admin', secret: '314159' });
  addUser(ctx, commandLine, { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' });
  addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '246810' });
  console_ = station('supervisor', 'Konsol');
});

afterEach(() => floor.close());

function station(mode: Station['mode'], name: string, counter?: number): Station {
  return addStation(ctx, commandLine, { mode, name, ...(counter === undefined ? {} : { counter }) }).station;
}

/** `who` signs in at the console and calls the operation there, as the console's page does. */
function atConsole(who: [string, string], name: string, input: unknown): any {
  signIn(ctx, console_, { username: who[0], secret: who[1] });
  return invoke(ctx, console_, name, input);
}
const admin: [string, string] = ['dewi', '314159'];

/** The refusal an operation gives: its code and both messages. */
function refusal(work: () => unknown): { code: string; id: string; en: string } {
  try {
    work();
  } catch (error) {
    if (!isLoketError(error)) throw error;
    return { code: error.code, ...error.text };
  }
  throw new Error('expected a refusal');
}

const signsInAtCounter = (username: string, secret: string, desk = 1) => {
  try {
    const counter =
      floor.store.stations.list().find((s) => s.mode === 'counter' && s.counter === desk) ??
      station('counter', `Loket ${desk}`, desk);
    signIn(ctx, counter, { username, secret, counter: desk });
    return true;
  } catch {
    return false;
  }
};

const accountChanges = () =>
  floor.store.events.readAfter(0, 10_000).filter((e) => e.type.startsWith('user.') && e.actor !== 'cli');

describe("officers' accounts on the supervisor console", () => {
  it('lists every account with role, state and last sign-in; a supervisor sees it but changes nothing', () => {
    floor.clock.set(at('2026-11-30', '08:05'));
    signsInAtCounter('ayu', '246810');
    floor.clock.set(at('2026-11-30', '08:30'));
    const list = atConsole(['sri', '112233'], 'officerAccounts', {});
    expect(list.mayChange).toBe(false);
    expect(list.you).toBe('sri');
    expect(list.officers).toEqual([
      {
        username: 'ayu',
        name: 'Ayu Lestari',
        role: 'officer',
        enabled: true,
        lastSignInAt: expect.stringMatching(/^2026-11-30T08:05/),
      },
      { username: 'dewi', name: 'Dewi Admin', role: 'admin', enabled: true, lastSignInAt: null },
      {
        username: 'sri',
        name: 'Sri Wahyuni',
        role: 'supervisor',
        enabled: true,
        lastSignInAt: expect.stringMatching(/^2026-11-30T08:30/),
      },
    ]);
    expect(JSON.stringify(list)).not.toMatch(/246810|pin/i);

    for (const [name, input] of [
      ['addOfficer', { username: 'putu', name: 'Putu', role: 'officer', secret: '135790' }],
      ['changeOfficer', { username: 'ayu', enabled: false }],
      ['resetOfficerPin', { username: 'ayu', secret: '135790' }],
    ] as const)
      expect(refusal(() => invoke(ctx, console_, name, input)).code).toBe('FORBIDDEN');
    expect(floor.store.officers.userNamed('putu')).toBeNull();
    expect(floor.store.officers.userNamed('ayu')?.disabledAt).toBeNull();
    expect(signsInAtCounter('ayu', '246810')).toBe(true);
    expect(accountChanges()).toEqual([]);
  });

  it('an admin adds an officer who then signs in at a counter; the event names the admin, never the PIN', () => {
    const added = atConsole(admin, 'addOfficer', {
      username: ' Putu ',
      name: 'Putu Arta',
      role: 'officer',
      secret: '864209',
    });
    expect(added).toEqual({
      username: 'putu',
      name: 'Putu Arta',
      role: 'officer',
      enabled: true,
      lastSignInAt: null,
    });
    expect(signsInAtCounter('putu', '864209')).toBe(true);
    const [event] = accountChanges();
    expect(event).toMatchObject({
      type: 'user.added',
      actor: floor.store.officers.userNamed('dewi')?.id,
      payload: { user: { username: 'putu', role: 'officer' }, by: { name: 'Dewi Admin', role: 'admin' } },
    });
    const putu = floor.store.officers.userNamed('putu')!;
    const log = JSON.stringify(floor.store.events.readAfter(0, 10_000));
    for (const secret of ['864209', putu.pinHash, putu.pinSalt]) expect(log).not.toContain(secret);
  });

  it('refuses a taken username, a short PIN, a missing name, in words, and adds nothing', () => {
    const before = floor.store.officers.users().length;
    expect(
      refusal(() =>
        atConsole(admin, 'addOfficer', {
          username: 'AYU',
          name: 'Ayu Dua',
          role: 'officer',
          secret: '975310',
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', id: 'Nama pengguna ayu sudah dipakai.' });
    expect(
      refusal(() =>
        atConsole(admin, 'addOfficer', { username: 'putu', name: 'Putu', role: 'officer', secret: '1234' }),
      ),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      id: 'PIN minimal 6 angka.',
      en: 'A PIN has at least 6 digits.',
    });
    expect(
      refusal(() =>
        atConsole(admin, 'addOfficer', { username: 'putu', name: '  ', role: 'officer', secret: '975310' }),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT', id: 'Nama wajib diisi.' });
    expect(
      refusal(() =>
        atConsole(admin, 'addOfficer', { username: 'p', name: 'Putu', role: 'officer', secret: '975310' }),
      ).id,
    ).toMatch(/^Nama pengguna 2–40 karakter/);
    expect(refusal(() => atConsole(admin, 'changeOfficer', { username: 'ayu' }))).toMatchObject({
      code: 'INVALID_INPUT',
      id: 'Tidak ada yang diubah.',
    });
    expect(floor.store.officers.users()).toHaveLength(before);
    expect(accountChanges()).toEqual([]);
  });

  it('a new role ends the officer’s counter session and decides where they may sign in', () => {
    const desk = station('counter', 'Loket 1', 1);
    signIn(ctx, desk, { username: 'ayu', secret: '246810', counter: 1 });
    const changed = atConsole(admin, 'changeOfficer', { username: 'ayu', role: 'print_operator' });
    expect(changed.role).toBe('print_operator');
    expect(floor.store.officers.sessionAtStation(desk.id)).toBeNull();
    // Signed out as if by hand: the counter closes and its screen hears of it.
    expect(floor.store.queue.counterState(1)?.state).toBe('closed');
    expect(
      floor.store.events.readAfter(0, 10_000).filter((e) => e.type === 'officer.signedOut'),
    ).toMatchObject([
      { actor: floor.store.officers.userNamed('dewi')?.id, station: desk.id, payload: { counter: 1 } },
    ]);
    expect(signsInAtCounter('ayu', '246810', 2)).toBe(false);
    expect(() => signIn(ctx, station('print', 'Cetak'), { username: 'ayu', secret: '246810' })).not.toThrow();
    expect(accountChanges().at(-1)?.payload).toMatchObject({
      previousRole: 'officer',
      user: { role: 'print_operator' },
      by: { name: 'Dewi Admin' },
    });
  });

  it('a disabled officer cannot sign in until enabled again', () => {
    expect(atConsole(admin, 'changeOfficer', { username: 'ayu', enabled: false }).enabled).toBe(false);
    expect(signsInAtCounter('ayu', '246810')).toBe(false);
    expect(atConsole(admin, 'officerAccounts', {}).officers[0]).toMatchObject({
      username: 'ayu',
      enabled: false,
    });
    expect(atConsole(admin, 'changeOfficer', { username: 'ayu', enabled: true }).enabled).toBe(true);
    expect(signsInAtCounter('ayu', '246810')).toBe(true);
  });

  it('a PIN reset takes the PIN the officer typed, refuses the old one and lifts a lockout', () => {
    for (let i = 0; i < 5; i += 1) signsInAtCounter('ayu', '000000');
    expect(
      refusal(() =>
        signIn(
          ctx,
          floor.store.stations.list().find((s) => s.counter === 1)!,
          {
            username: 'ayu',
            secret: '246810',
            counter: 1,
          },
        ),
      ).code,
    ).toBe('TOO_MANY_ATTEMPTS');
    expect(refusal(() => atConsole(admin, 'resetOfficerPin', { username: 'ayu', secret: '12345' })).id).toBe(
      'PIN minimal 6 angka.',
    );
    const answer = atConsole(admin, 'resetOfficerPin', { username: 'ayu', secret: '808182' });
    expect(JSON.stringify(answer)).not.toContain('808182');
    expect(signsInAtCounter('ayu', '246810')).toBe(false);
    expect(signsInAtCounter('ayu', '808182')).toBe(true);
    const reset = accountChanges().at(-1)!;
    expect(reset.payload).toMatchObject({ pinChanged: true, by: { name: 'Dewi Admin' } });
    expect(JSON.stringify(floor.store.events.readAfter(0, 10_000))).not.toContain('808182');
  });

  it('an admin cannot disable themself or change their own role, and the last active admin stays', () => {
    expect(
      refusal(() => atConsole(admin, 'changeOfficer', { username: 'dewi', enabled: false })),
    ).toMatchObject({
      code: 'CONFLICT',
      id: 'Anda tidak dapat menonaktifkan akun Anda sendiri.',
    });
    expect(
      refusal(() => atConsole(admin, 'changeOfficer', { username: 'dewi', role: 'supervisor' })).id,
    ).toBe('Anda tidak dapat mengubah peran Anda sendiri.');
    // From the command line too, the floor keeps an admin.
    expect(refusal(() => changeUser(ctx, commandLine, 'dewi', { enabled: false })).id).toMatch(
      /satu-satunya admin aktif/,
    );
    expect(floor.store.officers.userNamed('dewi')).toMatchObject({ role: 'admin', disabledAt: null });
    // With a second admin, either may disable the other.
    atConsole(admin, 'addOfficer', { username: 'gede', name: 'Gede Admin', role: 'admin', secret: '271828' });
    expect(atConsole(admin, 'changeOfficer', { username: 'gede', enabled: false }).enabled).toBe(false);
  });
});
