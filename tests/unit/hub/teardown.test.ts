import { describe, expect, it } from 'vitest';
import { Teardown } from '../../../src-main/hub/teardown.ts';

describe('one teardown for what a hub opened', () => {
  it('closes the last opened first, each once, and goes on past a closer that fails', async () => {
    const log: string[] = [];
    const closed: string[] = [];
    const teardown = new Teardown((line) => log.push(line));
    teardown.add('database', () => closed.push('database'));
    teardown.add('printer', async () => {
      await Promise.resolve();
      throw new Error('cable pulled');
    });
    teardown.add('timer', () => closed.push('timer'));
    const [first, second] = await Promise.all([teardown.run(), teardown.run()]);
    expect(closed).toEqual(['timer', 'database']);
    expect(first).toBe(second);
    expect(first?.map((error) => error.message)).toEqual(['cable pulled']);
    expect(log).toEqual(['closing printer failed: cable pulled']);
    await teardown.run();
    expect(closed).toEqual(['timer', 'database']);
  });

  it('closes at once what is opened after the teardown began', async () => {
    const closed: string[] = [];
    const teardown = new Teardown(() => {});
    await teardown.run();
    teardown.add('late socket', () => closed.push('late socket'));
    await expect.poll(() => closed).toEqual(['late socket']);
  });
});
