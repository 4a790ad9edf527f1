import type { Bilingual } from './errors.ts';

/**
 * Who is on the floor: the mode a station runs in and the role an officer signs in with. The
 * operations contract and the events catalogue both name their audiences in these words.
 */
export const stationModes = [
  'kiosk',
  'counter',
  'print',
  'display',
  'supervisor',
  'helpdesk',
  'feedback',
] as const;
export type StationMode = (typeof stationModes)[number];

export const userRoles = ['officer', 'supervisor', 'print_operator', 'admin'] as const;
export type UserRole = (typeof userRoles)[number];

/** Each role as a refusal names it to an officer: words, never the code. */
export const roleNames: Record<UserRole, Bilingual> = {
  officer: { id: 'Petugas loket', en: 'Counter officer' },
  supervisor: { id: 'Supervisor', en: 'Supervisor' },
  print_operator: { id: 'Operator cetak', en: 'Print operator' },
  admin: { id: 'Administrator', en: 'Administrator' },
};

/** Each station mode as a refusal names it. */
export const modeNames: Record<StationMode, Bilingual> = {
  kiosk: { id: 'kios', en: 'kiosk' },
  counter: { id: 'loket petugas', en: 'counter' },
  print: { id: 'cetak paspor', en: 'passport print' },
  display: { id: 'papan panggilan', en: 'now-serving board' },
  supervisor: { id: 'supervisor', en: 'supervisor' },
  helpdesk: { id: 'meja bantuan', en: 'help desk' },
  feedback: { id: 'survei kepuasan', en: 'satisfaction survey' },
};
