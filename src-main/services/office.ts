import { LoketError, isLoketError } from '../domain/errors.ts';
import { isoInstant, localDateOf, spokenDate } from '../domain/localTime.ts';
import { closureOn, officeConfigSchema, type OfficeConfig } from '../domain/office.ts';
import type { OfficeView } from '../api/views.ts';
import type { LaneId } from '../domain/laneIds.ts';
import type { Caller, ServiceContext } from './context.ts';

/** The office's configuration as every station sees it, with today's local date. */
export function showOffice(ctx: ServiceContext): OfficeView {
  const config = ctx.store.office.get();
  const now = ctx.clock.now();
  const today = localDateOf(now, config.timeZone);
  const closure = closureOn(config, today);
  return {
    config,
    today,
    now: isoInstant(now, config.timeZone),
    closedToday: closure
      ? {
          id: `Tutup ${spokenDate(today, 'id')}${closure === 'weekend' ? '' : ` (${closure})`}`,
          en: `Closed on ${spokenDate(today, 'en')}${closure === 'weekend' ? '' : ` (${closure})`}`,
        }
      : null,
  };
}

/**
 * Changes the office configuration: the whole result is validated before anything is saved, so a
 * bad value changes nothing.
 */
export function changeOffice(
  ctx: ServiceContext,
  caller: Caller,
  changes: { path: string; value: unknown }[],
): OfficeConfig {
  return ctx.store.transaction(() => {
    const next = structuredClone(currentOrStored(ctx)) as Record<string, unknown>;
    for (const change of changes) setAtPath(next, change.path, change.value);
    const parsed = officeConfigSchema.safeParse(next);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw new LoketError(
        'INVALID_CONFIG',
        { id: `Konfigurasi kantor tidak valid: ${detail}`, en: `Invalid office configuration: ${detail}` },
        { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
      );
    }
    const at = ctx.clock.now();
    ctx.store.office.save(parsed.data, at);
    ctx.store.events.emit({
      type: 'office.updated',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: { changes: changes.map((c) => c.path), config: parsed.data },
    });
    return parsed.data;
  });
}

const forbiddenKeys = new Set(['__proto__', 'prototype', 'constructor']);

/** `checkIn.earlyMinutes`, `hours.sat`, `lanes.0.quotaPerWindow`: a dotted path into the configuration. */
function setAtPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  if (!path || keys.some((k) => !k || forbiddenKeys.has(k))) {
    throw new LoketError('INVALID_CONFIG', {
      id: `Nama setelan tidak valid: "${path}"`,
      en: `Not a setting name: "${path}"`,
    });
  }
  let cursor: Record<string, unknown> = target;
  keys.slice(0, -1).forEach((key) => {
    const child = cursor[key];
    if (typeof child !== 'object' || child === null) {
      throw new LoketError('INVALID_CONFIG', {
        id: `Setelan tidak dikenal: "${path}"`,
        en: `Unknown setting: "${path}"`,
      });
    }
    cursor = child as Record<string, unknown>;
  });
  const last = keys[keys.length - 1] as string;
  // In a list only an entry, or the one after the last, is a setting: not `length` or a stray name.
  const known = Array.isArray(cursor)
    ? /^(0|[1-9]\d*)$/.test(last) && Number(last) <= cursor.length
    : Object.hasOwn(cursor, last);
  if (!known) {
    throw new LoketError('INVALID_CONFIG', {
      id: `Setelan tidak dikenal: "${path}"`,
      en: `Unknown setting: "${path}"`,
    });
  }
  cursor[last] = value;
}

/**
 * The configuration in force (its defaults filled in), or, when the stored row is damaged, the row
 * as it is: a damaged field is then mended by setting it.
 */
function currentOrStored(ctx: ServiceContext): object {
  try {
    return ctx.store.office.get();
  } catch (error) {
    if (!isLoketError(error) || error.code !== 'CONFIG_DAMAGED') throw error;
    const stored = ctx.store.office.raw();
    return stored && typeof stored === 'object' ? stored : {};
  }
}

/** A lane's quota as a plan gives it: `{"id":"regular","quotaPerWindow":33}`. */
export interface LaneQuotaChange {
  id: string;
  quotaPerWindow: number;
}

export interface AppliedQuota {
  /** Every lane named, its quota before and after (the same when it did not change). */
  lanes: { id: LaneId; before: number; after: number }[];
  /** False when every lane already had its quota: nothing saved, no event. */
  changed: boolean;
  config: OfficeConfig;
}

/**
 * Applies a quota plan: only the named lanes' `quotaPerWindow` change, through `changeOffice`, so the
 * whole configuration is validated and the change is audited (`office.updated`, naming the caller).
 * A lane the office does not have, a lane named twice or a quota the configuration refuses changes
 * nothing.
 */
export function applyQuota(
  ctx: ServiceContext,
  caller: Caller,
  lanes: readonly LaneQuotaChange[],
): AppliedQuota {
  const refuse = (id: string, en: string) =>
    new LoketError('INVALID_CONFIG', {
      id: `Kuota tidak dapat diterapkan: ${id}`,
      en: `The quota cannot be applied: ${en}`,
    });
  if (!Array.isArray(lanes) || !lanes.length)
    throw refuse('tidak ada jalur yang disebut', 'no lane is named');
  const config = ctx.store.office.get();
  const seen = new Set<string>();
  const rows = lanes.map((lane) => {
    const index = config.lanes.findIndex((l) => l.id === lane?.id);
    if (index < 0)
      throw refuse(
        `jalur "${String(lane?.id)}" tidak ada (jalur: ${config.lanes.map((l) => l.id).join(', ')})`,
        `no lane "${String(lane?.id)}" (the lanes: ${config.lanes.map((l) => l.id).join(', ')})`,
      );
    if (seen.has(lane.id))
      throw refuse(`jalur "${lane.id}" disebut dua kali`, `lane "${lane.id}" is named twice`);
    seen.add(lane.id);
    const current = config.lanes[index] as OfficeConfig['lanes'][number];
    return { index, id: current.id, before: current.quotaPerWindow, after: lane.quotaPerWindow };
  });
  const changes = rows
    .filter((row) => row.after !== row.before)
    .map((row) => ({ path: `lanes.${row.index}.quotaPerWindow`, value: row.after }));
  const lanesOut = rows.map(({ id, before, after }) => ({ id, before, after }));
  if (!changes.length) return { lanes: lanesOut, changed: false, config };
  return { lanes: lanesOut, changed: true, config: changeOffice(ctx, caller, changes) };
}
