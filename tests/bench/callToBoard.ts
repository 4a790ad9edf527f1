// callToBoard: from a counter's `callNext` request to the `ticket.called` event arriving at each of
// 30 boards on the hub's WebSocket event stream. The hub runs as its own process (`loket hub`),
// the counter and the 30 boards here, all on loopback.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { laneIds } from '../../src-main/domain/laneIds.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { changeOffice } from '../../src-main/services/office.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { openDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { benchNow } from './checkin.ts';
import {
  postOperation as post,
  latencyStats,
  type BenchContext,
  type Section,
  type SectionResult,
  startLoketHub,
} from './support.ts';

export const callToBoardTargetP99Ms = 10;
const boards = 30;
const calls = 200;
const warmup = 20;

/** A floor with enough waiting tickets, one counter officer, a counter and the boards' station. */
function prepareFloor(dataDir: string): { counterToken: string; boardToken: string } {
  const store = new Store(openDatabase(dataDir));
  try {
    const clock = new ManualClock(Date.parse(benchNow));
    const ctx = { store, clock };
    changeOffice(ctx, commandLine, [
      { path: 'floor.counters', value: [{ number: 1, stages: ['documents'], lanes: [...laneIds] }] },
    ]);
    const bookings = Array.from({ length: calls + warmup }, (_, i) => sampleAppointment(i + 1));
    importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv(bookings) });
    for (const booking of bookings) checkIn(ctx, commandLine, { text: booking.bookingCode });
    addUser(ctx, commandLine, {
      username: 'bench',
      name: 'Bench Officer',
      role: 'officer',
      secret: '246810',
    });
    return {
      counterToken: addStation(ctx, commandLine, { name: 'Bench counter', mode: 'counter', counter: 1 })
        .token,
      boardToken: addStation(ctx, commandLine, { name: 'Bench boards', mode: 'display' }).token,
    };
  } finally {
    store.close();
  }
}

/** One board: resolves each called number's arrival time (performance.now) as its event comes in. */
function board(
  url: string,
  token: string,
  after: number,
  arrivals: Map<string, number[]>,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/api/events?after=${after}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.type === 'hello') resolve(socket);
      else if (frame.event?.type === 'ticket.called') {
        const number = frame.event.payload.number as string;
        const seen = arrivals.get(number) ?? [];
        seen.push(performance.now());
        arrivals.set(number, seen);
      }
    });
    socket.on('error', reject);
  });
}

export const callToBoardSection: Section = {
  name: 'callToBoard',
  async run(bench: BenchContext): Promise<SectionResult> {
    const dataDir = bench.tempDir('loket-bench-board-');
    const { counterToken, boardToken } = prepareFloor(dataDir);
    const { hub, url } = await startLoketHub(bench, dataDir, 'loket hub (callToBoard)', benchNow);
    const sockets: WebSocket[] = [];
    const failures: string[] = [];
    try {
      await post(url, counterToken, 'signIn', { username: 'bench', secret: '246810', counter: 1 });
      const arrivals = new Map<string, number[]>();
      // The boards follow the stream from now on, as a board that has caught up does.
      const { lastEvent } = (await (await fetch(`${url}/healthz`)).json()) as { lastEvent: number };
      for (let i = 0; i < boards; i += 1) sockets.push(await board(url, boardToken, lastEvent, arrivals));

      bench.log(`callToBoard: ${warmup} warm-up + ${calls} calls, each to ${boards} boards…`);
      const samples: number[] = [];
      const replies: number[] = [];
      for (let i = 0; i < calls + warmup; i += 1) {
        const sent = performance.now();
        const { called } = await post(url, counterToken, 'callNext', {});
        if (i >= warmup) replies.push(performance.now() - sent);
        if (!called) {
          failures.push(`call ${i + 1}: nobody waiting`);
          break;
        }
        const number = called.number as string;
        const deadline = performance.now() + 5000;
        while ((arrivals.get(number)?.length ?? 0) < boards && performance.now() < deadline)
          await new Promise((resolve) => setImmediate(resolve));
        const seen = arrivals.get(number) ?? [];
        if (seen.length < boards)
          failures.push(`call ${number}: ${seen.length} of ${boards} boards heard it`);
        if (i >= warmup) samples.push(...seen.map((at) => at - sent));
        await post(url, counterToken, 'startService', {});
        await post(url, counterToken, 'completeService', {});
      }
      const stats = latencyStats(samples);
      // The counter's own answer, for comparison: the commit (one fsync) is in both.
      const reply = latencyStats(replies);
      const met = stats.p99 <= callToBoardTargetP99Ms;
      return {
        keys: {
          callToBoard: {
            ...stats,
            counterReply: { p50: reply.p50, p99: reply.p99 },
            calls,
            boards,
            warmup,
            samples: samples.length,
            limits: { p99Ms: callToBoardTargetP99Ms },
          },
        },
        targets: { callToBoardP99: met },
        failures,
        summary: [
          `callNext to the event at each of ${boards} boards: p50 ${stats.p50} ms  p99 ${stats.p99} ms  max ${stats.max} ms` +
            ` (the counter's own reply: p50 ${reply.p50} ms  p99 ${reply.p99} ms)`,
          `target callToBoard p99 ≤ ${callToBoardTargetP99Ms} ms: ${met ? 'met' : 'MISSED'}`,
        ],
      };
    } finally {
      for (const socket of sockets) socket.close();
      hub.child.kill('SIGTERM');
      await hub.exited;
    }
  },
};
