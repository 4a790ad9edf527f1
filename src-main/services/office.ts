import { LoketError, isLoketError } from '../domain/errors.ts';
import { isoInstant, localDateOf, spokenDate } from '../domain/localTime.ts';
import { closureOn, officeConfigSchema, type OfficeConfig } from '../domain/office.ts';
import type { OfficeView } from '../api/views.ts';
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
