import { LoketError, isLoketError, type ErrorCode } from '../domain/errors.ts';
import type { CommandOutcome } from '../store/commands.ts';
import type { ServiceContext } from '../services/context.ts';
import type { Station } from '../store/stations.ts';
import { modeNames, type StationMode } from '../domain/roles.ts';
import { requireOfficer, touchOfficer } from '../services/officers.ts';
import { contract, isOperationName, type OperationName, type OperationSpec } from './contract.ts';
import { handlers, type StationCaller } from './handlers.ts';
import { describeInputIssues } from './inputIssues.ts';

/**
 * The transport-neutral door to every operation: the name must be in the contract, the caller's
 * mode allowed, the input valid. HTTP, Electron IPC and the test bridge all come through here.
 */
export function invoke(
  ctx: ServiceContext,
  station: Station,
  name: string,
  input: unknown,
  /** The client of the station that calls: only the one that signed an officer in acts as them. */
  client: string | null = null,
): unknown {
  const admitted = admit(station.mode, name, input);
  const spec = contract[admitted.name] as OperationSpec;
  const officer = spec.officer ? requireOfficer(ctx, station, spec.officer, client) : null;
  const caller: StationCaller = officer
    ? { station, stationId: station.id, actor: officer.user.id, officer, client }
    : { station, stationId: station.id, actor: station.id, client };
  const run = handlers[admitted.name] as (c: ServiceContext, s: StationCaller, i: unknown) => unknown;
  const result = run(ctx, caller, admitted.input);
  // A screen refreshing itself is not the officer at work, and a refused call (it threw) is not
  // activity either: only what the officer did keeps the session open, written with it.
  if (!officer || spec.passive === true) return result;
  if (result instanceof Promise)
    return result.then((value: unknown) => {
      touchOfficer(ctx, officer);
      return value;
    });
  touchOfficer(ctx, officer);
  return result;
}

/**
 * A command from a station's outbox, applied at most once: the first time it runs and its answer
 * (the result, or the refusal) is kept with its id in the same transaction; a resend of the id gets
 * that answer back and changes nothing. Only operations the contract marks `outbox` qualify.
 */
export function invokeOnce(
  ctx: ServiceContext,
  station: Station,
  commandId: string,
  name: string,
  input: unknown,
  /** When the station did it (epoch ms): the command is applied as of then, within the last 12 hours. */
  at?: number,
  client: string | null = null,
): unknown {
  if (isOperationName(name) && !(contract[name] as OperationSpec).outbox) {
    throw new LoketError('INVALID_INPUT', {
      id: `${name} tidak dapat dikirim sebagai perintah antrean keluar.`,
      en: `${name} cannot be sent as an outbox command.`,
    });
  }
  const outcome = ctx.store.transaction((): CommandOutcome => {
    const prior = ctx.store.commands.find(commandId);
    if (prior) {
      if (prior.stationId !== station.id || prior.operation !== name) throw reusedCommandId();
      return prior.outcome;
    }
    let answer: CommandOutcome;
    try {
      answer = { ok: true, value: invoke(asOf(ctx, at), station, name, input, client) };
    } catch (error) {
      // A refusal is an answer too: the station gets the same one however often it asks.
      if (!isLoketError(error)) throw error;
      answer = { ok: false, error: error.toJSON() };
      ctx.store.events.emit({
        type: 'command.refused',
        at: ctx.clock.now(),
        actor: station.id,
        station: station.id,
        payload: { commandId, operation: name, code: error.code, message: error.text },
      });
    }
    ctx.store.commands.record(commandId, station.id, name, answer, ctx.clock.now());
    return answer;
  });
  if (outcome.ok) return outcome.value;
  const { code, message, details } = outcome.error;
  throw new LoketError(code as ErrorCode, message, (details ?? {}) as Record<string, unknown>);
}

/** How far back a queued command may date itself: a station apart from the hub for a working day. */
const longestApartMs = 12 * 60 * 60 * 1000;

/**
 * The context a queued command runs in: its clock reads the moment the station did it, so the
 * periods and events say when the visit really ended, not when the LAN came back. Never later
 * than now, never earlier than the longest time apart.
 */
function asOf(ctx: ServiceContext, at: number | undefined): ServiceContext {
  if (at === undefined) return ctx;
  const now = ctx.clock.now();
  const then = Math.min(now, Math.max(now - longestApartMs, at));
  return { ...ctx, clock: { now: () => then } };
}

function reusedCommandId(): LoketError {
  return new LoketError('CONFLICT', {
    id: 'Nomor perintah ini sudah dipakai untuk perintah lain.',
    en: 'This command id was already used for another command.',
  });
}

/**
 * The checks every transport makes before an operation runs: a name in the contract, a mode
 * allowed to call it, an input its schema accepts. Answers the name and the parsed input.
 */
export function admit(
  mode: StationMode,
  name: string,
  input: unknown,
): { name: OperationName; input: unknown } {
  if (!isOperationName(name)) {
    throw new LoketError('UNKNOWN_OPERATION', {
      id: `Operasi tidak dikenal: ${name.slice(0, 60)}`,
      en: `Unknown operation: ${name.slice(0, 60)}`,
    });
  }
  const spec = contract[name];
  if (!spec.roles.includes(mode)) {
    throw new LoketError(
      'FORBIDDEN',
      {
        id: `Stasiun ${modeNames[mode].id} tidak boleh menjalankan ${name}.`,
        en: `A ${mode} station may not call ${name}.`,
      },
      { operation: name, mode: mode },
    );
  }
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    throw new LoketError('INVALID_INPUT', describeInputIssues(parsed.error.issues), {
      issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return { name, input: parsed.data };
}
