import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { issuePairingCode } from '../../src-main/services/stations.ts';
import { rowCounts } from '../support/floor.ts';
import { runLoket, startTestHub, type TestHub } from '../support/hub.ts';

let testHub: TestHub | null = null;
afterEach(async () => {
  await testHub?.close();
  testHub = null;
});

async function pair(hub: TestHub, body: unknown) {
  const response = await fetch(`${hub.hub.url}/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

/** `POST /pair` from another address of this machine (Linux answers all of 127.0.0.0/8 on lo). */
function pairFrom(hub: TestHub, localAddress: string, body: unknown): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${hub.hub.url}/pair`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, localAddress, agent: false },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

const codeIn = (stdout: string) =>
  /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}) \(good once/.exec(stdout)?.[1] as string;

describe('joining the floor with a one-time pairing code', () => {
  it('loket station add prints a code that a station trades once for its own token', async () => {
    testHub = await startTestHub();
    // The command line's clock is the hub's (a code is good for fifteen minutes of floor time).
    const env = { LOKET_NOW: new Date(testHub.clock.now()).toISOString() };
    const added = await runLoket(
      ['station', 'add', '--data', testHub.dataDir, '--mode', 'kiosk', '--name', 'Kios 2'],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    const code = codeIn(added.stdout);
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const printedToken = added.stdout.trim().split('\n').at(-1) as string;

    // Typed by a person: lower case and a space instead of the dash are the same code.
    const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(5)}`;
    const joined = await pair(testHub, { code: typed });
    expect(joined.status).toBe(200);
    expect(joined.body.station).toMatchObject({ name: 'Kios 2', mode: 'kiosk' });
    expect((await testHub.call('whoAmI', {}, joined.body.token)).body).toMatchObject({ name: 'Kios 2' });
    // Only the machine that paired holds a working token now.
    expect((await testHub.call('whoAmI', {}, printedToken)).status).toBe(401);

    const again = await pair(testHub, { code });
    expect(again.status).toBe(401);
    expect(again.body.error.message.en).toMatch(/Wrong, used or expired pairing code/);
    expect(again.body.error.message.id).toMatch(/Kode pasangan salah/);

    const id = joined.body.station.id as string;
    const fresh = await runLoket(['station', 'pair', id, '--data', testHub.dataDir], env);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect((await pair(testHub, { code: codeIn(fresh.stdout) })).status).toBe(200);
  });

  it('refuses an expired code, a revoked station, and malformed requests, changing nothing', async () => {
    testHub = await startTestHub();
    testHub.pair('display', 'Papan');
    const ctx = { store: testHub.hub.store, clock: testHub.clock };
    const board = testHub.hub.store.stations.list()[0]!;
    const expiring = issuePairingCode(ctx, commandLine, board.id).code;
    testHub.clock.advanceMinutes(15.01);
    const before = rowCounts(testHub.hub.store);
    expect((await pair(testHub, { code: expiring })).status).toBe(401);

    const revokedCode = issuePairingCode(ctx, commandLine, board.id).code;
    testHub.hub.store.stations.revoke(board.id, testHub.clock.now());
    expect((await pair(testHub, { code: revokedCode })).status).toBe(401);
    expect(() => issuePairingCode(ctx, commandLine, board.id)).toThrow(/revoked/);

    for (const body of [{}, { code: 5 }, { code: 'x'.repeat(41) }, { code: 'ABCD-EFGH', more: 1 }, []])
      expect((await pair(testHub, body)).status, JSON.stringify(body)).toBe(400);
    expect(rowCounts(testHub.hub.store).tickets).toBe(before.tickets);
    expect(rowCounts(testHub.hub.store).events).toBe((before.events ?? 0) + 1); // the second code's issue only
  });

  it('shuts the door after five wrong codes from one address, even for the right code, for ten minutes', async () => {
    testHub = await startTestHub();
    testHub.pair('counter', 'Loket 1');
    const ctx = { store: testHub.hub.store, clock: testHub.clock };
    const { code } = issuePairingCode(ctx, commandLine, testHub.hub.store.stations.list()[0]!.id);
    for (let i = 0; i < 5; i += 1)
      expect((await pair(testHub, { code: `WRNG-CD${i}${i}` })).status).toBe(401);

    const blocked = await pair(testHub, { code });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(500);

    testHub.clock.advanceMinutes(10);
    expect((await pair(testHub, { code })).status).toBe(200);
  });

  it('wrong codes from many addresses do not lock the IT person out of pairing from theirs', async () => {
    testHub = await startTestHub();
    testHub.pair('counter', 'Loket 1');
    const ctx = { store: testHub.hub.store, clock: testHub.clock };
    const { code } = issuePairingCode(ctx, commandLine, testHub.hub.store.stations.list()[0]!.id);
    // An attacker on the LAN guesses from eight addresses until each is shut out: 40 wrong codes.
    for (let host = 2; host < 10; host += 1) {
      for (let i = 0; i < 5; i += 1)
        expect((await pairFrom(testHub, `127.0.0.${host}`, { code: `WRNG-CODE-${host}${i}ZZ` })).status).toBe(
          401,
        );
      expect((await pairFrom(testHub, `127.0.0.${host}`, { code: 'WRNG-CODE-AAAA' })).status).toBe(429);
    }
    expect((await pairFrom(testHub, '127.0.0.20', { code })).status).toBe(200);
  });
});
