import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../../../src-main/api/contract.ts';
import { describeInputIssues } from '../../../src-main/api/inputIssues.ts';

/** The refusal an officer reads for an input, as the hub's door says it. */
function refusal(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('the input was accepted');
  return describeInputIssues(parsed.error.issues);
}

describe('a refused input is said in words, never "the data sent is not valid"', () => {
  it('names an empty or missing reason: "Alasan wajib diisi."', () => {
    const callOutOfOrder = contract.callTicket.input;
    expect(refusal(callOutOfOrder, { number: 'A2-014', reason: '' })).toEqual({
      id: 'Alasan wajib diisi.',
      en: 'Reason is required.',
    });
    expect(refusal(callOutOfOrder, { number: 'A2-014' }).id).toBe('Alasan wajib diisi.');
  });

  it('says which field is too long and by how much it may be', () => {
    const text = refusal(contract.callTicket.input, { number: 'A2-014', reason: 'x'.repeat(41) });
    expect(text.id).toBe('Alasan terlalu panjang (maksimal 40 karakter).');
    expect(text.en).toBe('Reason is too long (at most 40 characters).');
  });

  it('lists the allowed values of a choice and names fields nobody asked for', () => {
    expect(refusal(contract.setCounterState.input, { state: 'lunch' }).id).toBe(
      'Status harus salah satu dari: available, on_break, closed.',
    );
    expect(refusal(contract.setCounterState.input, { state: 'closed', extra: 1 }).id).toBe(
      'Kolom tidak dikenal: extra.',
    );
  });

  it('says each faulty field once, at most three', () => {
    const schema = z.object({ nik: z.string(), name: z.string(), reason: z.string(), note: z.string() });
    const text = refusal(schema, {});
    expect(text.id).toBe('NIK wajib diisi. Nama wajib diisi. Alasan wajib diisi.');
  });
});
