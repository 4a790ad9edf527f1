// Prints the events table of docs/api.md from the catalogue: npx tsx scripts/event-docs.ts
// With --shipping: what of each event leaves the office, for docs/central.md.
import { eventTable, shippingTable } from './eventTable.ts';

process.stdout.write(process.argv.includes('--shipping') ? shippingTable() : eventTable());
