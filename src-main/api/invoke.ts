import { LoketError } from '../domain/errors.ts';
import type { ServiceContext } from '../services/context.ts';
import type { Station, StationMode } from '../store/stations.ts';
import { requireOfficer } from '../services/officers.ts';
import { contract, isOperationName, type OperationName, type OperationSpec } from './contract.ts';
import { handlers, type StationCaller } from './handlers.ts';

/**
 * The transport-neutral door to every operation: the name must be in the contract, the caller's
 * mode allowed, the input valid. HTTP, Electron IPC and the test bridge all come through here.
 */
export function invoke(ctx: ServiceContext, station: Station, name: string, input: unknown): unknown {
  const admitted = admit(station.mode, name, input);
  const spec = contract[admitted.name] as OperationSpec;
  const officer = spec.officer
    ? requireOfficer(ctx, station, spec.officer, { activity: spec.passive !== true })
    : null;
  const caller: StationCaller = officer
    ? { station, stationId: station.id, actor: officer.user.id, officer }
    : { station, stationId: station.id, actor: station.id };
  const run = handlers[admitted.name] as (c: ServiceContext, s: StationCaller, i: unknown) => unknown;
  return run(ctx, caller, admitted.input);
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
        id: `Stasiun ${mode} tidak boleh menjalankan ${name}.`,
        en: `A ${mode} station may not call ${name}.`,
      },
      { operation: name, mode: mode },
    );
  }
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    throw new LoketError(
      'INVALID_INPUT',
      { id: 'Data yang dikirim tidak valid.', en: 'The data sent is not valid.' },
      {
        issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
      },
    );
  }
  return { name, input: parsed.data };
}
