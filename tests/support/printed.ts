import { expect } from 'vitest';
import { approveApplication } from '../../src-main/services/adjudication.ts';
import { confirmBooklets, receiveBooklets } from '../../src-main/services/booklets.ts';
import {
  assignBooklet,
  checkPrintedPassport,
  dataOf,
  printPassport,
} from '../../src-main/services/passportPrinting.ts';
import type { Appointment } from '../../src-main/domain/appointment.ts';
import type { PrintJobRecord } from '../../src-main/store/printJobs.ts';
import { pins, type PrintFloor } from './printFloor.ts';

/**
 * Passports through the print station's own services, for the reports' floors: booklets received
 * and confirmed, an application approved, its data page printed and its quality check passed.
 */

/** A range of blank booklets received by Putu and confirmed by Wayan. */
export function stockBooklets(p: PrintFloor, first: string, last: string, passportType: string): void {
  const range = receiveBooklets(p.ctx, p.operator, { passportType, first, last });
  confirmBooklets(p.ctx, p.operator, { rangeId: range.id, username: 'wayan', secret: pins.wayan });
}

/** Booking `index` interviewed and approved by Sri; real names, so the printed MRZ reads back whole. */
export function approvedJob(
  p: PrintFloor,
  index: number,
  overrides: Partial<Appointment> & { pickupDate?: string } = {},
): PrintJobRecord {
  const fullName = index % 2 ? 'Ni Made Ayu Lestari' : 'I Wayan Sudarsana';
  const application = p.interviewed(index, { fullName, ...overrides });
  return approveApplication(p.ctx, p.supervisor, { applicationId: application.id });
}

/** Prints a job on booklet `serial`; with `check`, passes its quality check too (ready for pickup). */
export async function printOn(
  p: PrintFloor,
  jobId: string,
  serial: string,
  check = true,
): Promise<PrintJobRecord> {
  assignBooklet(p.ctx, p.operator, { jobId, text: serial });
  const result = await printPassport(p.ctx, p.operator, { jobId });
  expect(result.printed).toBe(true);
  if (!check) return result.job;
  const data = dataOf(p.ctx, result.job, result.job.updatedAt);
  const checked = checkPrintedPassport(p.ctx, p.operator, { jobId, text: data.mrz.join('\n') });
  expect(checked.passed).toBe(true);
  return checked.job;
}
