import { afterEach, describe, expect, it } from 'vitest';
import { startHub } from '../../src-main/hub/server.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import type { StreamFrame } from '../../src-main/api/stream.ts';
import { followHub } from '../../src-main/station/eventFollower.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

let t: TestHub | null = null;
const stops: (() => void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await t?.close();
  t = null;
});

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

describe('a station following the hub from its main process', () => {
  it('gets each event once, in order, and picks up from its cursor after the hub restarts', async () => {
    t = await startTestHub();
    const ctx = () => ({ store: t!.hub.store, clock: t!.clock });
    importAppointments(ctx(), commandLine, {
      format: 'csv',
      content: appointmentCsv(Array.from({ length: 6 }, (_, i) => sampleAppointment(i + 1))),
    });
    const token = t.pair('display', 'Papan');
    const frames: StreamFrame[] = [];
    const statuses: string[] = [];
    const port = t.hub.port;
    stops.push(
      followHub(t.hub.url, token, {
        onFrame: (frame) => frames.push(frame),
        onStatus: (status) => statuses.push(status),
        delaysMs: [50, 100],
      }),
    );
    await until(() => frames.some((f) => f.type === 'hello'));
    // Events from before it started are not replayed: it starts at the hub's head.
    // Written beside the hub (as the command line does): the stream's poll delivers it.
    checkIn(ctx(), commandLine, { text: 'MPDPS-00001' });
    await until(() => frames.filter((f) => f.type === 'event').length === 1);

    // The hub stops; check-ins go on in its database meanwhile; it comes back on the same port.
    const dataDir = t.dataDir;
    await t.hub.close();
    await until(() => statuses.includes('reconnecting'));
    const { Store } = await import('../../src-main/store/store.ts');
    const { openDatabase } = await import('../../src-main/store/db.ts');
    const offline = new Store(openDatabase(dataDir));
    for (const n of [2, 3])
      checkIn({ store: offline, clock: t.clock }, commandLine, { text: `MPDPS-0000${n}` });
    offline.close();
    const again = await startHub({ dataDir, clock: t.clock, port });
    t.hub = again;
    checkIn(ctx(), commandLine, { text: 'MPDPS-00004' });
    await until(() => frames.filter((f) => f.type === 'event').length === 4);

    const seqs = frames.flatMap((f) => (f.type === 'event' ? [f.event.seq] : []));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(
      frames
        .filter((f) => f.type === 'event')
        .every((f) => f.type === 'event' && f.event.type === 'ticket.issued'),
    ).toBe(true);
    expect(frames.filter((f) => f.type === 'hello')).toHaveLength(2);
    expect(statuses.at(-1)).toBe('live');
  });

  it('keeps trying with back-off while the hub is not there, and stops when told', async () => {
    const statuses: string[] = [];
    const stop = followHub('http://127.0.0.1:9', 'x'.repeat(43), {
      onFrame: () => undefined,
      onStatus: (status) => statuses.push(status),
      delaysMs: [20, 40],
    });
    await until(() => statuses.filter((s) => s === 'reconnecting').length >= 3);
    stop();
    const count = statuses.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(statuses.length).toBe(count);
  });
});
