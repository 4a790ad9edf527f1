import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

let t: TestHub;
let token: string;

beforeEach(async () => {
  t = await startTestHub();
  addUser({ store: t.hub.store, clock: t.clock }, commandLine, {
    username: 'sri',
    name: 'Sri Wahyuni',
    role: 'supervisor',
    secret: '112233',
  });
  token = t.pair('supervisor', 'Konsol supervisor');
});
afterEach(() => t.close());

/** A browser opened on the station: the token sent once, a session cookie after. */
async function browser(): Promise<Record<string, string>> {
  const response = await fetch(`${t.hub.url}/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: t.hub.url },
    body: JSON.stringify({ token }),
  });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, origin: t.hub.url };
}

/** A program holding the station's token, naming itself (the desktop app) or not (the bare token). */
const program = (client?: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  ...(client ? { 'x-loket-client': client } : {}),
});

async function call(operation: string, input: unknown, headers: Record<string, string>) {
  const response = await fetch(`${t.hub.url}/api/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const officerEvents = () => t.hub.store.events.lastSeq();

describe('an officer acts only through the client that signed them in', () => {
  it('a second browser of the same station, and the bare token, see no officer and cannot act', async () => {
    const first = await browser();
    const second = await browser();
    expect((await call('signIn', { username: 'sri', secret: '112233' }, first)).status).toBe(200);
    expect((await call('whoAmI', {}, first)).body.officer).toMatchObject({ username: 'sri' });
    expect((await call('floorView', {}, first)).status).toBe(200);

    const before = officerEvents();
    const office = t.hub.store.office.get();
    for (const other of [second, program(), program('another-program-0001')]) {
      const who = await call('whoAmI', {}, other);
      expect(who.status).toBe(200);
      expect(who.body.officer).toBeNull();
      expect((await call('floorView', {}, other)).body.error.code).toBe('OFFICER_REQUIRED');
      const change = { changes: [{ path: 'checkIn.earlyMinutes', value: 5 }] };
      expect((await call('changeOffice', change, other)).body.error.code).toBe('OFFICER_REQUIRED');
      expect((await call('addStation', { name: 'Kios 9', mode: 'kiosk' }, other)).body.error.code).toBe(
        'OFFICER_REQUIRED',
      );
      // Nor can it unlock or sign out the officer of another client.
      expect((await call('unlock', { secret: '112233' }, other)).body.error.code).toBe('OFFICER_REQUIRED');
      expect((await call('signOut', {}, other)).status).toBe(200);
    }
    expect(t.hub.store.events.lastSeq()).toBe(before);
    expect(t.hub.store.office.get()).toEqual(office);
    // The officer is still signed in where they signed in.
    expect((await call('whoAmI', {}, first)).body.officer).toMatchObject({ username: 'sri' });
    expect((await call('floorView', {}, first)).status).toBe(200);
  });

  it('binds a desktop program’s officer to the id it names, and refuses an id of the wrong form', async () => {
    const desktop = program('desktop-process-0001');
    expect((await call('signIn', { username: 'sri', secret: '112233' }, desktop)).status).toBe(200);
    expect((await call('floorView', {}, desktop)).status).toBe(200);
    expect((await call('floorView', {}, program('desktop-process-0002'))).body.error.code).toBe(
      'OFFICER_REQUIRED',
    );
    expect((await call('floorView', {}, program())).body.error.code).toBe('OFFICER_REQUIRED');
    expect((await call('floorView', {}, await browser())).body.error.code).toBe('OFFICER_REQUIRED');
    const bad = await call('whoAmI', {}, program('short'));
    expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_INPUT']);
  });
});
