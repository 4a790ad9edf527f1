/** The lanes a ticket can be in: regular, the four priority lanes, and standby for late arrivals. */
export const priorityLaneIds = ['lansia', 'disabilitas', 'hamil', 'balita'] as const;
export const laneIds = ['regular', ...priorityLaneIds, 'standby'] as const;
export type LaneId = (typeof laneIds)[number];
export type PriorityLaneId = (typeof priorityLaneIds)[number];
