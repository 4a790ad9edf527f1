import { v7 } from 'uuid';

/**
 * A new row id: a UUID version 7 (RFC 9562), which begins with the time it was made. Rows made in
 * turn (events, tickets, queue entries, applications) then sort in turn in their id indexes, so
 * each insert lands beside the last one instead of at a random page of an index that holds a
 * year of rows: on a year's floor a check-in touches the same few pages a fresh floor does. The
 * rest of the id is random: an id still says nothing about the row and cannot be guessed.
 */
export function newId(): string {
  return v7();
}
