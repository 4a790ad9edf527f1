import { useState } from 'react';
import { OperationError } from '../shared/client.ts';
import { useText } from '../shared/i18n.ts';

/**
 * A supervisor's action on the console (repair a simulated printer, revoke a station): run it,
 * reload the floor when it worked, and keep the hub's refusal, in the screen's language, to show.
 */
export function useAttempt(onChanged: () => void): {
  problem: string | null;
  /** Shows a problem the action found itself (an answer that worked but did nothing). */
  setProblem(problem: string | null): void;
  attempt(work: () => Promise<unknown>): Promise<void>;
} {
  const t = useText();
  const [problem, setProblem] = useState<string | null>(null);
  const attempt = async (work: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await work();
      onChanged();
    } catch (error) {
      setProblem(error instanceof OperationError ? t(error.text) : String(error));
    }
  };
  return { problem, setProblem, attempt };
}
