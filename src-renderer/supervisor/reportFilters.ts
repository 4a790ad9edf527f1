import type { InputOf } from '../../src-main/api/contract.ts';

/** The Reports section's filters as typed: dates always, the rest empty for "all". */
export interface ReportFilters {
  from: string;
  to: string;
  stage: string;
  counter: string;
  officer: string;
}

/** The filters as the contract takes them: an empty choice is no filter. */
export function kpiInputOf(filters: ReportFilters): InputOf<'reportKpi'> {
  return {
    from: filters.from,
    to: filters.to,
    ...(filters.stage ? { stage: filters.stage } : {}),
    ...(filters.counter ? { counter: Number(filters.counter) } : {}),
    ...(filters.officer ? { officer: filters.officer } : {}),
  };
}
