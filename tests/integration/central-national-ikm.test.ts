import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalIkm } from '../../src-main/central/reports/ikm.ts';
import { centralServer } from '../../src-main/central/server.ts';
import { CentralStore } from '../../src-main/central/store.ts';
import { centralLinkCommand } from '../../src-main/cli/central.ts';
import { ikmOf } from '../../src-main/domain/survey/ikm.ts';
import { surveyReport } from '../../src-main/services/survey/survey.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { until } from '../support/station.ts';
import { surveyFloor } from '../support/surveyFloor.ts';

/**
 * The national IKM (issue 25): two offices' citizens answer the survey through each hub's API, the
 * hubs ship their logs, and each office's index is its own survey report's; the nation's is the
 * regulation's formula over every form together.
 */
let db: TestDatabase;
let central: CentralStore;
let app: FastifyInstance;
const hubs: Record<string, TestHub> = {};
const answers: Record<string, (number | null)[][]> = {
  DPS: [
    [4, 4, 3, 4, 3, 4, 4, 3, 4],
    [3, 3, 3, 2, 3, 3, null, 3, 3],
    [4, 3, 4, 4, 4, 3, 4, 4, 2],
  ],
  MDN: [
    [2, 3, 2, 3, 2, 2, 3, 2, 3],
    [3, 2, 3, 3, null, 3, 3, 3, 2],
  ],
};

beforeAll(async () => {
  db = await freshDatabase('nationalikm');
  central = new CentralStore(db.url);
  await central.migrate();
  app = await centralServer({ store: central });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
  for (const [office, forms] of Object.entries(answers)) {
    const key = await central.addOffice(office, `Kantor Imigrasi ${office}`);
    const t = await startTestHub();
    hubs[office] = t;
    const floor = await surveyFloor(t, forms.length);
    for (const form of forms) await floor.visitAndAnswer(form);
    // The running hub ships its log once linked.
    centralLinkCommand({ store: t.hub.store, clock: t.clock }, url, office, key, {
      write: () => undefined,
      usage: (m) => new Error(m),
    });
    await until(
      `office ${office}'s log in the central store`,
      () => t.hub.store.centralLink.get()?.cursor === t.hub.store.events.lastSeq(),
      60_000,
    );
  }
}, 180_000);

afterAll(async () => {
  for (const t of Object.values(hubs)) await t.close();
  await app?.close();
  await central?.close();
  await db?.drop();
});

describe('the national IKM', { timeout: 60_000 }, () => {
  it("gives each office its own survey report's index, and the nation every form together", async () => {
    const report = await nationalIkm(central, { from: '2026-11-01', to: '2026-11-30' });
    for (const office of report.offices) {
      const t = hubs[office.code]!;
      const own = surveyReport(
        { store: t.hub.store, clock: t.clock },
        { period: 'month', year: 2026, index: 11 },
      ).overall;
      expect(office.responses).toBe(answers[office.code]!.length);
      expect(office.ikm).toBeCloseTo(own.ikm as number, 12);
      expect(office.elements).toEqual(own.elements);
      expect(office.grade).toBe(own.grade);
      expect(office.withoutScores).toBe(0);
    }
    const all = Object.values(answers).flat();
    const expected = ikmOf(
      all.map((form) => Object.fromEntries(form.flatMap((v, i) => (v === null ? [] : [[`u${i + 1}`, v]])))),
    );
    expect(report.national.ikm).toBeCloseTo(expected.ikm as number, 12);
    expect(report.national.responses).toBe(5);
    // Not an average of the two offices' indexes.
    const mean = ((report.offices[0]!.index as number) + (report.offices[1]!.index as number)) / 2;
    expect(Math.abs((report.national.index as number) - mean)).toBeGreaterThan(0.01);
  });
});
