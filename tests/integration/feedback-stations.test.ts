import { beforeEach, describe, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { addStation, setStationCounter } from '../../src-main/services/stations.ts';
import { at, makeFloor, type TestFloor } from '../support/floor.ts';

/**
 * A feedback station (the satisfaction survey's touchscreen) may stand at a counter's exit: it
 * names that desk, shared with the counter station that serves it, and never takes it away.
 */
let floor: TestFloor;

beforeEach(() => {
  floor = makeFloor({ now: at('2026-11-30', '08:00') });
});

const add = (mode: 'counter' | 'feedback' | 'kiosk' | 'display', name: string, counter?: number) =>
  addStation(floor.ctx, commandLine, { mode, name, ...(counter === undefined ? {} : { counter }) }).station;

describe('a feedback station at a counter', () => {
  it('stands at the desk a counter station serves, and two may stand at one desk', () => {
    const desk = add('counter', 'Loket 3', 3);
    const survey = add('feedback', 'Survei Loket 3', 3);
    const second = add('feedback', 'Survei Loket 3 (kiri)', 3);
    expect([survey.counter, second.counter]).toEqual([3, 3]);
    // The desk is still the counter station's: officers there serve it, the board sends citizens to it.
    expect(floor.store.stations.atCounter(3)?.id).toBe(desk.id);
    expect(() => add('counter', 'Loket 3 (kedua)', 3)).toThrow(/already belongs to station "Loket 3"/);
  });

  it('does not keep a counter station from the desk it stands at', () => {
    add('feedback', 'Survei Loket 4', 4);
    const desk = add('counter', 'Loket 4', 4);
    expect(desk.counter).toBe(4);
    expect(floor.store.stations.atCounter(4)?.id).toBe(desk.id);
  });

  it('may stand at no desk, and moves to another in the Stations panel', () => {
    const survey = add('feedback', 'Survei pengambilan');
    expect(survey.counter).toBeNull();
    add('counter', 'Loket 7', 7);
    expect(setStationCounter(floor.ctx, commandLine, { stationId: survey.id, counter: 7 }).counter).toBe(7);
    expect(floor.store.stations.find(survey.id)?.counter).toBe(7);
    const events = floor.store.events.ofTypeSince('station.counterSet', 0);
    expect(events.at(-1)?.payload).toMatchObject({
      station: { id: survey.id, mode: 'feedback' },
      counter: 7,
    });
  });

  it('is refused a desk the floor does not have, and other public stations still have none', () => {
    expect(() => add('feedback', 'Survei Loket 29', 29)).toThrow(/The office has no counter 29/);
    expect(() => add('kiosk', 'Kios', 2)).toThrow(/Only a counter station and a satisfaction-survey station/);
    expect(() => add('display', 'Papan', 2)).toThrow(
      /Only a counter station and a satisfaction-survey station/,
    );
    expect(floor.store.stations.list()).toEqual([]);
  });
});
