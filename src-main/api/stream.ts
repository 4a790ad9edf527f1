import type { StreamedEvent } from '../domain/events.ts';

/** A code read by a scanner the hub drives for the station, sent to its pages only, never stored. */
export interface ScanFrame {
  type: 'scan';
  text: string;
  symbology: { aim: string; name: string } | null;
}

/** The frames of the hub's event stream (docs/api.md, `/api/events`). */
export type StreamFrame =
  { type: 'hello'; lastSeq: number } | { type: 'event'; event: StreamedEvent } | ScanFrame;
