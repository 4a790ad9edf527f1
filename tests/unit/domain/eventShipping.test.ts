import { describe, expect, it } from 'vitest';
import {
  type FieldRule,
  personalFields,
  pseudonymPattern,
  shippedPayload,
  shippedSchema,
  shipping,
} from '../../../src-main/domain/eventShipping.ts';
import { eventTypes } from '../../../src-main/domain/events.ts';
import { sampleAppointment } from '../../support/bookings.ts';
import { eventSamples } from '../../support/eventSamples.ts';

/** A stand-in for the hub's keyed hash: the same shape, and plainly not the value. */
const pseudonymise = (value: string) =>
  `p_${Buffer.from(value).toString('hex').padEnd(32, '0').slice(0, 32)}`;

function keptFields(rule: { readonly [field: string]: FieldRule }, path: string[] = []): string[] {
  return Object.entries(rule).flatMap(([field, r]) =>
    r === 'keep' ? [[...path, field].join('.')] : r === 'pseudonym' ? [] : keptFields(r, [...path, field]),
  );
}

describe('what of each event leaves the office', () => {
  it('every event type has a rule whose fields its payload has', () => {
    for (const type of eventTypes) expect(() => shippedSchema(type), type).not.toThrow();
  });

  it('ships every sample payload in the shape the central store accepts, ids as pseudonyms', () => {
    for (const type of eventTypes) {
      const shipped = shippedPayload(type, eventSamples[type], pseudonymise);
      const schema = shippedSchema(type);
      if (schema === null) {
        expect(shipped, type).toBeNull();
        continue;
      }
      const checked = schema.safeParse(shipped);
      expect(checked.success, `${type}: ${JSON.stringify(checked.error?.issues)}`).toBe(true);
    }
    const called = shippedPayload('ticket.called', eventSamples['ticket.called'], pseudonymise) as {
      ticketId: string;
    };
    expect(called.ticketId).toMatch(pseudonymPattern);
  });

  it('keeps no personal field under any rule', () => {
    for (const [type, rule] of Object.entries(shipping)) {
      if (rule === null) continue;
      const kept = keptFields(rule).map((path) => path.split('.').at(-1));
      for (const field of personalFields) expect(kept, `${type} keeps ${field}`).not.toContain(field);
    }
  });

  it("never ships a citizen's NIK, name, phone, birth date or booking code, nor an officer's name", () => {
    const citizen = sampleAppointment(1);
    const shipped = JSON.stringify(
      eventTypes.map((type) => shippedPayload(type, eventSamples[type], pseudonymise)),
    );
    const personal = [citizen.nik, citizen.fullName, citizen.phone, citizen.birthDate, citizen.bookingCode];
    for (const value of personal.filter((v): v is string => typeof v === 'string' && v.length > 0))
      expect(shipped, value).not.toContain(value);
    expect(shipped).not.toContain('Kadek Supervisor');
    expect(shipped).not.toContain('"username"');
  });

  it('refuses a payload carrying a field its rule does not name', () => {
    const schema = shippedSchema('ticket.called')!;
    const shipped = shippedPayload('ticket.called', eventSamples['ticket.called'], pseudonymise) as object;
    expect(schema.safeParse(shipped).success).toBe(true);
    expect(schema.safeParse({ ...shipped, name: 'Ni Luh Putu' }).success).toBe(false);
    // An id sent as itself instead of its pseudonym.
    expect(schema.safeParse({ ...shipped, ticketId: 'e76022b7-5593-4500-9647-57128d976674' }).success).toBe(
      false,
    );
  });
});
