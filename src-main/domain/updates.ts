/**
 * The update channel's rules (docs/updates.md): which names a channel and its files may have, how
 * versions compare, and which stations are inside a staged rollout. Pure: the hub and the command
 * line decide with these.
 */

/** The channel a station follows unless told otherwise. */
export const defaultChannel = 'stable';

/**
 * The top-level field of a rollback's channel file (`loketRollback: true`): the station's updater
 * accepts this older version for that check only (docs/updates.md).
 */
export const rollbackMarker = 'loketRollback';

/** The per-platform channel files electron-builder writes, and the platform each one serves. */
export const channelFiles = { 'latest-linux.yml': 'linux', 'latest.yml': 'windows' } as const;
export type ChannelFile = keyof typeof channelFiles;
export type UpdatePlatform = (typeof channelFiles)[ChannelFile];

export const isChannelFile = (name: string): name is ChannelFile => Object.hasOwn(channelFiles, name);

/** What a station says of its update, and what the hub notes when it asks (`checked`). */
export const updateStates = [
  'checked',
  'available',
  'downloading',
  'downloaded',
  'installed',
  'failed',
  'up-to-date',
] as const;
export type UpdateState = (typeof updateStates)[number];

/** `stable`, `beta`, `pilot-2`: a folder name and a URL segment, nothing to escape. */
export const isChannelName = (name: string): boolean => /^[a-z][a-z0-9-]{0,31}$/.test(name);

/**
 * A file a release may name: one plain file name (no folder, no `..`, no control character), as
 * electron-builder writes them (`Loket-1.2.0.AppImage`, `Loket Setup 1.2.0.exe`).
 */
export function isReleaseFileName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 200 &&
    name !== '.' &&
    name !== '..' &&
    !/[/\\:*?"<>|]/.test(name) &&
    // eslint-disable-next-line no-control-regex
    !/[\u0000-\u001f\u007f]/.test(name) &&
    !name.startsWith('.')
  );
}

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: readonly (string | number)[];
}

const semverPattern =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** A semantic version (semver.org 2.0.0), or null. */
export function parseSemVer(text: string): SemVer | null {
  const match = semverPattern.exec(text);
  if (!match || text.length > 64) return null;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] ? match[4].split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)) : [],
  };
}

/** Negative when a is older than b, 0 when the same release, positive when newer (semver §11). */
export function compareSemVer(a: SemVer, b: SemVer): number {
  for (const key of ['major', 'minor', 'patch'] as const) if (a[key] !== b[key]) return a[key] - b[key];
  if (a.prerelease.length === 0 || b.prerelease.length === 0)
    return b.prerelease.length - a.prerelease.length; // a release is newer than its pre-releases
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i += 1) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The station's place in a staged rollout, 0–99, from the stable id electron-updater sends with
 * every check (or the station's id): the same on every check, spread evenly over the floor. A
 * station is inside a rollout of p% when its bucket is below p. FNV-1a with a final avalanche, so
 * ids that differ in one character land far apart.
 */
export function stagingBucket(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) % 100;
}

/** A channel as the hub keeps it. */
export interface ChannelState {
  channel: string;
  /** The version offered to the stations inside the stage (to everyone at 100%). */
  currentVersion: string;
  /** The version every station outside the stage is offered: the one fully rolled out before. */
  rolledOutVersion: string | null;
  stagingPercent: number;
  paused: boolean;
  /** Set while the current version is a rollback: the version it replaced. */
  rolledBackFrom: string | null;
  pilots: readonly string[];
}

/** What the hub offers one station: a version (as a rollback or not), or nothing. */
export type Offer =
  | { version: string; rollback: boolean; why: 'staged' | 'pilot' | 'rolled-out' | 'rollback' }
  | { version: null; why: 'paused' | 'outside-stage' };

/**
 * The version a station is offered: a rollback goes to everyone; a paused channel and a station
 * outside the stage get the version rolled out before the staged one (electron-updater then finds
 * nothing newer); pilots are always inside.
 */
export function offerFor(state: ChannelState, station: { id: string; stagingId: string | null }): Offer {
  if (state.rolledBackFrom !== null && !state.paused)
    return { version: state.currentVersion, rollback: true, why: 'rollback' };
  const outside = (why: 'paused' | 'outside-stage'): Offer =>
    state.rolledOutVersion === null
      ? { version: null, why }
      : { version: state.rolledOutVersion, rollback: false, why: 'rolled-out' };
  if (state.paused) return outside('paused');
  if (state.pilots.includes(station.id))
    return { version: state.currentVersion, rollback: false, why: 'pilot' };
  if (stagingBucket(station.stagingId ?? station.id) < state.stagingPercent)
    return { version: state.currentVersion, rollback: false, why: 'staged' };
  return outside('outside-stage');
}
