import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../drivers/ticket-printer/decode.ts';
import { encodeEscPos } from '../../../drivers/ticket-printer/escpos.ts';
import type { TicketView } from '../../../src-main/api/views.ts';
import type { Appointment } from '../../../src-main/domain/appointment.ts';
import { checkIn } from '../../../src-main/services/checkIn.ts';
import { ticketDocument, type TicketLayoutOptions } from '../../../src-main/documents/ticketLayout.ts';
import { sampleAppointment } from '../../support/bookings.ts';
import { at, makeFloor, type TestFloor } from '../../support/floor.ts';

const floors: TestFloor[] = [];
afterEach(() => {
  for (const floor of floors.splice(0)) floor.close();
});

/** A ticket checked in on the test floor at the given moment of Monday 30 November 2026. */
function ticketAt(time: string, booking: Partial<Appointment> = {}): TicketView {
  const floor = makeFloor({ now: at('2026-11-30', time) });
  floors.push(floor);
  floor.load([sampleAppointment(1, booking)]);
  return checkIn(floor.ctx, floor.kiosk, { text: 'MPDPS-00001' });
}

/** The slip as it comes out of an 80 mm printer. */
const printed = (ticket: TicketView, options: TicketLayoutOptions = {}) =>
  decodeEscPos(encodeEscPos(ticketDocument(ticket, options), { columns: 48 }));

describe('the printed queue ticket', () => {
  it('shows the office, the number in huge print, the window and when the citizen will be called', () => {
    const ticket = ticketAt('09:15');
    const slip = printed(ticket);
    const all = slip.text.join('\n');

    expect(slip.text[0]).toBe('Kantor Imigrasi Kelas I TPI Denpasar');
    const number = slip.lines.find((line) => line.text === ticket.number);
    expect(number?.width).toBeGreaterThanOrEqual(3);
    expect(number?.bold).toBe(true);
    expect(all).toContain('Reguler / Regular');
    expect(all).toContain(`Jadwal / Window ${ticket.window.number}: 09:00-10:00`);
    const call = slip.text.indexOf('Perkiraan dipanggil / Expected call');
    expect(slip.lines[call + 1]).toMatchObject({ text: ticket.expectedCallAt, width: 2, bold: true });
    expect(all).toContain('Tunggu di / Wait in\nRuang tunggu utama / Main waiting hall');
    expect(all).toContain('Dicetak / Issued 30-11-2026 09:15');
    expect(all).toContain(`Atas nama / For: ${ticket.citizen.initials}`);
    expect(all).toContain(ticket.notice.id.slice(0, 30));
    expect(all).toContain(ticket.notice.en.slice(0, 30));
    expect(slip.qr).toEqual([ticket.qr]);
    expect(slip.cut).toBe(true);
  });

  it('never prints the full name or the booking code, only the initials', () => {
    const ticket = ticketAt('09:15');
    const all = printed(ticket).text.join('\n');
    expect(all).not.toContain('Ni Made Ayu');
    expect(all).not.toContain(ticket.booking.code);
  });

  it('tells a citizen in a priority lane that staff will verify it', () => {
    const ticket = ticketAt('09:15', { lane: 'lansia' });
    const all = printed(ticket).text.join(' ');
    expect(all).toContain('Lansia (60+) / Elderly (60+)');
    expect(all).toContain('Petugas akan memverifikasi prioritas Anda / Staff will verify your priority');
    expect(all).toContain('Ruang tunggu prioritas / Priority waiting area');
  });

  it('does not mention priority on a regular ticket', () => {
    expect(printed(ticketAt('09:15')).text.join(' ')).not.toContain('prioritas');
  });

  it('explains to a late arrival why they are on standby, in both languages', () => {
    const ticket = ticketAt('10:45');
    expect(ticket.arrival).toBe('late');
    const all = printed(ticket).text.join(' ');
    expect(all).toContain('Datang setelah jadwal kedatangan');
    expect(all).toContain('Arrived after the');
    expect(all).toContain('Terlambat / Standby (late arrival)');
  });

  it('is marked TRAINING at the top and the bottom on the training floor', () => {
    const slip = printed(ticketAt('09:15'), { training: true });
    expect(slip.text[0]).toBe('TRAINING');
    expect(slip.text.at(-1)).toBe('TRAINING');
    expect(printed(ticketAt('09:15')).text).not.toContain('TRAINING');
  });

  it('says which reprint it is, so a second copy is never mistaken for a new number', () => {
    const ticket = ticketAt('09:15');
    const slip = printed(ticket, { reprint: 2 });
    expect(slip.text[0]).toBe('CETAK ULANG 2 / REPRINT 2');
    expect(slip.text).toContain(ticket.number);
    expect(slip.qr).toEqual([ticket.qr]);
    expect(printed(ticket).text.join(' ')).not.toContain('REPRINT');
  });

  it('fits a four-digit number on a 58 mm roll', () => {
    const ticket = { ...ticketAt('09:15'), number: 'A10-1000' };
    const slip = decodeEscPos(encodeEscPos(ticketDocument(ticket), { columns: 32 }));
    const number = slip.lines.find((line) => line.text === 'A10-1000');
    expect(number).toBeDefined();
    expect((number?.width ?? 99) * 'A10-1000'.length).toBeLessThanOrEqual(32);
  });
});
