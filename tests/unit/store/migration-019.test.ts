import { describe, expect, it } from 'vitest';
import { defaultOfficeConfig, officeConfigSchema } from '../../../src-main/domain/office.ts';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { floorWithTicket } from '../../support/migrations.ts';

/** The office configuration as a hub stored it before the pickup stage: the default floor without it. */
function storedBeforePickup() {
  const { floor } = defaultOfficeConfig;
  return {
    ...defaultOfficeConfig,
    floor: {
      ...floor,
      stages: floor.stages.filter((s) => s.id !== 'pickup'),
      counters: floor.counters.filter((c) => !c.stages.includes('pickup')),
    },
    pickup: { ...defaultOfficeConfig.pickup, stage: undefined },
  };
}

const stored = (db: ReturnType<typeof floorWithTicket>) =>
  JSON.parse(db.prepare('SELECT config FROM office_config WHERE id = 1').pluck().get() as string);

describe('migration 019: the pickup stage', () => {
  it('adds the stage and a desk serving it to a floor stored without them, once', () => {
    const db = floorWithTicket(18);
    db.prepare('INSERT INTO office_config (id, config, updated_at) VALUES (1, ?, 0)').run(
      JSON.stringify(storedBeforePickup()),
    );
    expect(migrate(db, 19)).toBe(1);
    expect(migrate(db, 19)).toBe(0);
    const config = officeConfigSchema.parse(stored(db));
    expect(config.floor.stages.map((s) => s.id)).toEqual(['documents', 'interview', 'pickup']);
    expect(config.floor.counters.at(-1)).toEqual({
      number: 7,
      stages: ['pickup'],
      lanes: defaultOfficeConfig.floor.counters[0]?.lanes,
    });
    expect(config.pickup.stage).toBe('pickup');
  });

  it('leaves a floor that has the stage, and an office still on the defaults, as they are', () => {
    const db = floorWithTicket(18);
    migrate(db, 19);
    expect(db.prepare('SELECT COUNT(*) FROM office_config').pluck().get()).toBe(0);
    const withDesk = floorWithTicket(18);
    const custom = storedBeforePickup();
    custom.floor.stages.push({ id: 'pickup', name: { id: 'Ambil', en: 'Pickup' }, next: null });
    custom.floor.counters.push({ number: 9, stages: ['pickup'], lanes: ['regular'] });
    withDesk
      .prepare('INSERT INTO office_config (id, config, updated_at) VALUES (1, ?, 0)')
      .run(JSON.stringify(custom));
    migrate(withDesk, 19);
    expect(stored(withDesk)).toEqual(JSON.parse(JSON.stringify(custom)));
  });
});
