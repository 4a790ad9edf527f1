import { LoketError } from '../../src-main/domain/errors.ts';

/** The LoketError a call was refused with; any other outcome (success, another error) fails the test. */
export function refusalOf(call: () => unknown): LoketError {
  let outcome: unknown;
  try {
    outcome = call();
  } catch (error) {
    if (error instanceof LoketError) return error;
    throw error;
  }
  throw new Error(`expected a refusal, got ${JSON.stringify(outcome)}`);
}
