// Prints the events table of docs/api.md from the catalogue: npx tsx scripts/event-docs.ts
import { eventTable } from './eventTable.ts';

process.stdout.write(eventTable());
