import { parse as parseCsv } from 'csv-parse/sync';
import {
  appointmentColumns,
  optionalColumns,
  readAppointmentRow,
  type Appointment,
  type RowReading,
} from '../domain/appointment.ts';
import type { OfficeConfig } from '../domain/office.ts';
import { LoketError } from '../domain/errors.ts';
import type { ImportSummary } from '../api/views.ts';
import type { Caller, ServiceContext } from './context.ts';

export type AppointmentFormat = 'csv' | 'json';

interface RawRow {
  line: number;
  values: Record<string, unknown>;
  /** Why the row cannot be read field by field, when it cannot. */
  shapeProblem?: 'wrong_column_count' | 'not_an_object';
}

/**
 * Imports the day's M-Paspor bookings. Every row is checked; the valid ones are written in one
 * transaction, each rejected one is reported with its line and reasons. The same file twice changes
 * nothing; a changed row updates its booking. With `allOrNothing` (the appointment feed), one
 * rejected row means nothing is written. A booking that replaces an unverified check-in's
 * placeholder verifies that day's ticket.
 */
export function importAppointments(
  ctx: ServiceContext,
  caller: Caller,
  input: { format: AppointmentFormat; content: string; allOrNothing?: boolean },
): ImportSummary {
  const rows = input.format === 'csv' ? readCsv(input.content) : readJson(input.content);
  const office = ctx.store.office.get();
  const summary: ImportSummary = {
    rows: rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    warnings: [],
  };
  const valid: { line: number; appointment: Appointment }[] = [];
  const seen = new Map<string, number>();

  for (const row of rows) {
    const reading = readRow(row, office);
    if (!reading.ok) {
      const code = row.values.booking_code ?? row.values.bookingCode;
      summary.rejected.push({
        line: row.line,
        bookingCode: typeof code === 'string' && code.trim() ? code.trim().toUpperCase().slice(0, 40) : null,
        problems: reading.problems,
      });
      continue;
    }
    const { appointment } = reading;
    const firstLine = seen.get(appointment.bookingCode);
    if (firstLine !== undefined) {
      summary.rejected.push({
        line: row.line,
        bookingCode: appointment.bookingCode,
        problems: [
          {
            field: 'booking_code',
            reason: 'duplicate_in_file',
            message: {
              id: `kode booking sudah ada di baris ${firstLine}`,
              en: `booking code already appears on line ${firstLine}`,
            },
          },
        ],
      });
      continue;
    }
    seen.set(appointment.bookingCode, row.line);
    if (reading.warnings.length) {
      summary.warnings.push({
        line: row.line,
        bookingCode: appointment.bookingCode,
        problems: reading.warnings,
      });
    }
    valid.push({ line: row.line, appointment });
  }

  if (input.allOrNothing && summary.rejected.length) return summary;
  ctx.store.transaction(() => {
    const at = ctx.clock.now();
    for (const { appointment } of valid) {
      const existing = ctx.store.bookings.find(appointment.bookingCode);
      if (existing && sameBooking(existing, appointment)) {
        summary.unchanged += 1;
        continue;
      }
      if (existing) ctx.store.bookings.replace(appointment, at);
      else ctx.store.bookings.add(appointment, at);
      summary[existing ? 'updated' : 'created'] += 1;
      ctx.store.events.emit({
        type: existing ? 'booking.updated' : 'booking.imported',
        at,
        actor: caller.actor,
        station: caller.stationId,
        payload: { booking: appointment },
      });
      if (existing) verifyTickets(ctx, caller, appointment, at);
    }
  });
  return summary;
}

/** Tickets issued unverified for this booking's day are flagged no more: the booking is known now. */
function verifyTickets(ctx: ServiceContext, caller: Caller, appointment: Appointment, at: number): void {
  for (const ticket of ctx.store.tickets.markVerified(appointment.bookingCode, appointment.appointmentDate)) {
    ctx.store.events.emit({
      type: 'ticket.verified',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: { ticketId: ticket.id, number: ticket.number, bookingCode: ticket.bookingCode },
    });
  }
}

function readRow(row: RawRow, office: OfficeConfig): RowReading {
  if (row.shapeProblem === 'wrong_column_count') {
    return {
      ok: false,
      problems: [
        {
          field: 'row',
          reason: 'wrong_column_count',
          message: {
            id: `jumlah kolom tidak sama dengan header (${appointmentColumns.length} kolom)`,
            en: `the number of fields differs from the header (${appointmentColumns.length} columns)`,
          },
        },
      ],
    };
  }
  if (row.shapeProblem === 'not_an_object') {
    return {
      ok: false,
      problems: [
        {
          field: 'row',
          reason: 'not_an_object',
          message: { id: 'baris harus berupa objek JSON', en: 'the row must be a JSON object' },
        },
      ],
    };
  }
  return readAppointmentRow(row.values, office);
}

function sameBooking(a: Appointment, b: Appointment): boolean {
  return (Object.keys(a) as (keyof Appointment)[]).every((key) => a[key] === b[key]);
}

const unreadable = (why: string) =>
  new LoketError(
    'IMPORT_UNREADABLE',
    {
      id: `Berkas janji temu tidak dapat dibaca: ${why}`,
      en: `The appointment file could not be read: ${why}`,
    },
    { why },
  );

type CsvRecord = { record: string[]; info: { bytes: number } };

function readCsv(content: string): RawRow[] {
  let records: CsvRecord[];
  try {
    records = parseCsv(content, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    throw unreadable(error instanceof Error ? error.message : String(error));
  }
  const [header, ...body] = records;
  if (!header) throw unreadable('the file is empty');
  const columns = header.record.map((name) => name.trim().toLowerCase());
  const missing = appointmentColumns.filter((c) => !optionalColumns.includes(c) && !columns.includes(c));
  if (missing.length) throw unreadable(`missing columns: ${missing.join(', ')}`);

  const lines = startLineOfEachRecord(content, records);
  return body.map(({ record }, row) => {
    const line = lines[row + 1] as number;
    const values: Record<string, unknown> = {};
    columns.forEach((column, index) => {
      values[column] = record[index] ?? '';
    });
    // A row with the wrong number of fields cannot be trusted column by column.
    return record.length === columns.length
      ? { line, values }
      : { line, values, shapeProblem: 'wrong_column_count' as const };
  });
}

/**
 * The line on which each record starts, as an editor numbers them. csv-parse's own count names a
 * record's last line and counts a CRLF inside quotes as two, which shifts every later row; this
 * counts from the byte offset where each record ends, less the line breaks inside its fields.
 */
function startLineOfEachRecord(content: string, records: CsvRecord[]): number[] {
  const bytes = Buffer.from(content, 'utf8');
  const isBreak = (i: number) => bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a);
  let position = 0;
  let breaks = 0;
  return records.map(({ record, info }) => {
    for (; position < info.bytes; position += 1) if (isBreak(position)) breaks += 1;
    const delimiter = isBreak(info.bytes - 1) ? 1 : 0;
    const inside = record.reduce((sum, field) => sum + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    return breaks + 1 - delimiter - inside;
  });
}

function readJson(content: string): RawRow[] {
  let value: unknown;
  try {
    value = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw unreadable(error instanceof Error ? error.message : String(error));
  }
  if (!Array.isArray(value)) throw unreadable('expected a JSON array of bookings');
  const lines = lineOfEachElement(content);
  return value.map((element, index): RawRow => {
    const line = lines[index] ?? index + 1;
    return typeof element === 'object' && element !== null && !Array.isArray(element)
      ? { line, values: element as Record<string, unknown> }
      : { line, values: {}, shapeProblem: 'not_an_object' };
  });
}

/** The line on which each top-level array element starts, so JSON rejections name a line too. */
function lineOfEachElement(content: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let awaitingElement = false;
  for (const char of content) {
    if (char === '\n') line += 1;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (depth === 1 && awaitingElement && !/\s/.test(char) && char !== ',' && char !== ']') {
      lines.push(line);
      awaitingElement = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth += 1;
      if (depth === 1) awaitingElement = true;
    } else if (char === ']' || char === '}') depth -= 1;
    else if (char === ',' && depth === 1) awaitingElement = true;
  }
  return lines;
}
