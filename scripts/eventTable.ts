// The events table of docs/api.md, made from the catalogue (src-main/domain/events.ts). Printed by
// `npx tsx scripts/event-docs.ts`; tests/unit/api/docs.test.ts checks the document holds it as is.
import { events, eventTypes, type Audience } from '../src-main/domain/events.ts';
import { shipping } from '../src-main/domain/eventShipping.ts';

const fields = (schema: unknown): string => {
  const shape = (schema as { shape?: Record<string, { safeParse(v: unknown): { success: boolean } }> }).shape;
  if (!shape) return '(free form)';
  const names = Object.entries(shape).map(([name, field]) =>
    field.safeParse(undefined).success ? `${name}?` : name,
  );
  return names.length ? names.join(', ') : '—';
};

export const audienceText = (audience: Audience): string => {
  const parts = [
    audience.modes.join(', ') + (audience.roles ? ` (signed in: ${audience.roles.join(', ')})` : ''),
  ];
  if (audience.ownStation) parts.push('the station it is about');
  if (audience.kioskReplica === 'full') parts.push("kiosks' replicas");
  if (audience.kioskReplica === 'booking') parts.push("kiosks' replicas, reduced");
  return parts.join('; ');
};

export function eventTable(): string {
  const rows = eventTypes.map((type) => {
    const spec = events[type];
    return `| \`${type}\` | ${fields(spec.payload)} | ${audienceText(spec.audience)} | ${spec.meaning} |`;
  });
  return ['| event | payload | audience | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}

type Rule = 'keep' | 'pseudonym' | { readonly [field: string]: Rule };

const paths = (rule: { readonly [field: string]: Rule }, want: 'keep' | 'pseudonym', prefix = ''): string[] =>
  Object.entries(rule).flatMap(([field, r]) =>
    r === want ? [`${prefix}${field}`] : typeof r === 'object' ? paths(r, want, `${prefix}${field}.`) : [],
  );

/**
 * What of each event leaves the office (src-main/domain/eventShipping.ts), for docs/central.md;
 * tests/unit/api/docs.test.ts checks the document holds it as is.
 */
export function shippingTable(): string {
  const rows = eventTypes.map((type) => {
    const rule = shipping[type] as { readonly [field: string]: Rule } | null;
    if (rule === null) return `| \`${type}\` | stays in the office (its place in the log only) | — |`;
    const kept = paths(rule, 'keep');
    const hashed = paths(rule, 'pseudonym');
    return `| \`${type}\` | ${kept.length ? kept.join(', ') : '(that it happened)'} | ${hashed.length ? hashed.join(', ') : '—'} |`;
  });
  return (
    [
      '| event | fields shipped as logged | fields shipped as pseudonyms |',
      '| --- | --- | --- |',
      ...rows,
    ].join('\n') + '\n'
  );
}
