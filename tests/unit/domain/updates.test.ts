import { describe, expect, it } from 'vitest';
import {
  compareSemVer,
  isChannelName,
  isReleaseFileName,
  offerFor,
  parseSemVer,
  stagingBucket,
  type ChannelState,
} from '../../../src-main/domain/updates.ts';

const newer = (a: string, b: string) => compareSemVer(parseSemVer(a)!, parseSemVer(b)!);

describe('versions on an update channel', () => {
  it('orders releases and pre-releases as semver does', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0',
      '1.0.1',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 1; i < ordered.length; i += 1) {
      expect(newer(ordered[i]!, ordered[i - 1]!), `${ordered[i]} > ${ordered[i - 1]}`).toBeGreaterThan(0);
      expect(newer(ordered[i - 1]!, ordered[i]!)).toBeLessThan(0);
    }
    expect(newer('1.2.0+build.7', '1.2.0')).toBe(0);
  });

  it('refuses what is not a version', () => {
    for (const text of ['1.2', 'v1.2.0', '01.2.0', '1.2.0-', '1.2.0 ', '', '1.2.x'])
      expect(parseSemVer(text), text).toBeNull();
  });

  it('names channels and files plainly, never a path', () => {
    expect(isChannelName('stable')).toBe(true);
    expect(isChannelName('pilot-2')).toBe(true);
    for (const bad of ['Stable', '../x', 'a/b', '', '-x', 'x'.repeat(40)])
      expect(isChannelName(bad), bad).toBe(false);
    expect(isReleaseFileName('Loket Setup 1.2.0.exe')).toBe(true);
    expect(isReleaseFileName('Loket-1.2.0.AppImage.blockmap')).toBe(true);
    for (const bad of [
      '..',
      '.',
      '../loket.db',
      'a/b',
      'a\\b',
      '/etc/passwd',
      '.hidden',
      'C:x',
      'a\u0000b',
      '',
    ])
      expect(isReleaseFileName(bad), JSON.stringify(bad)).toBe(false);
  });
});

describe('who is inside a staged rollout', () => {
  const ids = Array.from(
    { length: 1000 },
    (_, i) => `5f0c1a2e-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );

  it('puts each id in the same bucket every time, the buckets spread over 0–99', () => {
    expect(ids.map(stagingBucket)).toEqual(ids.map(stagingBucket));
    const inside20 = ids.filter((id) => stagingBucket(id) < 20).length;
    expect(inside20).toBeGreaterThan(150);
    expect(inside20).toBeLessThan(250);
    expect(new Set(ids.map(stagingBucket)).size).toBe(100);
  });

  const channel: ChannelState = {
    channel: 'stable',
    currentVersion: '1.2.0',
    rolledOutVersion: '1.1.0',
    stagingPercent: 20,
    paused: false,
    rolledBackFrom: null,
    pilots: ['pilot-counter'],
  };
  const inside = ids.find((id) => stagingBucket(id) < 20)!;
  const outside = ids.find((id) => stagingBucket(id) >= 20)!;

  it('offers the staged version inside the stage and to pilots, the rolled-out one to the rest', () => {
    expect(offerFor(channel, { id: 's1', stagingId: inside })).toMatchObject({
      version: '1.2.0',
      why: 'staged',
    });
    expect(offerFor(channel, { id: 's1', stagingId: outside })).toMatchObject({
      version: '1.1.0',
      why: 'rolled-out',
    });
    expect(offerFor(channel, { id: 'pilot-counter', stagingId: outside })).toMatchObject({
      version: '1.2.0',
      why: 'pilot',
    });
    expect(offerFor({ ...channel, rolledOutVersion: null }, { id: 's1', stagingId: outside })).toEqual({
      version: null,
      why: 'outside-stage',
    });
  });

  it('a pause stops even the pilots; a rollback goes to everyone, marked', () => {
    const paused = { ...channel, paused: true };
    expect(offerFor(paused, { id: 'pilot-counter', stagingId: inside })).toMatchObject({ version: '1.1.0' });
    const rolledBack = {
      ...channel,
      currentVersion: '1.1.0',
      rolledOutVersion: '1.1.0',
      stagingPercent: 100,
      rolledBackFrom: '1.2.0',
    };
    expect(offerFor(rolledBack, { id: 's1', stagingId: outside })).toEqual({
      version: '1.1.0',
      rollback: true,
      why: 'rollback',
    });
  });
});
