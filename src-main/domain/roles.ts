/**
 * Who is on the floor: the mode a station runs in and the role an officer signs in with. The
 * operations contract and the events catalogue both name their audiences in these words.
 */
export const stationModes = ['kiosk', 'counter', 'print', 'display', 'supervisor', 'helpdesk'] as const;
export type StationMode = (typeof stationModes)[number];

export const userRoles = ['officer', 'supervisor', 'print_operator', 'admin'] as const;
export type UserRole = (typeof userRoles)[number];
