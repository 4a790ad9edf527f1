import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, operationNames } from '../../../src-main/api/contract.ts';
import { httpStatusOf } from '../../../src-main/api/errorStatus.ts';
import { errorCodes } from '../../../src-main/domain/errors.ts';
import { events, eventTypes } from '../../../src-main/domain/events.ts';
import { stationModes } from '../../../src-main/domain/roles.ts';
import { audienceText, eventTable, shippingTable } from '../../../scripts/eventTable.ts';

const apiDoc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/api.md'), 'utf8');

describe('the API reference an integrator reads', () => {
  it('documents every operation with the modes allowed to call it', () => {
    for (const name of operationNames) {
      const row = apiDoc.split('\n').find((line) => new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`).test(line));
      expect(row, `docs/api.md has no row for ${name}`).toBeDefined();
      const roles = contract[name].roles;
      const documented =
        roles.length === stationModes.length
          ? /\|\s*all\s*\|/.test(row ?? '')
          : roles.every((r) => row?.includes(r));
      expect(documented, `docs/api.md lists the wrong modes for ${name}`).toBe(true);
    }
  });

  it('documents every error code with its HTTP status', () => {
    for (const code of errorCodes) {
      expect(apiDoc, `docs/api.md misses ${code}`).toMatch(
        new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${httpStatusOf[code]}\\s*\\|`),
      );
    }
  });

  it('documents every event type with its payload fields and its audience, as the catalogue declares them', () => {
    for (const type of eventTypes) {
      const row = apiDoc.split('\n').find((line) => line.startsWith(`| \`${type}\` |`));
      expect(row, `docs/api.md has no row for the event ${type}`).toBeDefined();
      expect(row, `docs/api.md gives the wrong audience for ${type}`).toContain(
        `| ${audienceText(events[type].audience)} |`,
      );
      expect(row).toContain(events[type].meaning);
    }
    // The whole table as the catalogue prints it (`npx tsx scripts/event-docs.ts`).
    expect(apiDoc).toContain(eventTable());
  });

  it('documents what of each event leaves the office, as the shipping rules say', () => {
    const centralDoc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/central.md'), 'utf8');
    expect(centralDoc).toContain(shippingTable());
  });
});
