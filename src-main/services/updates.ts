import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import yaml from 'js-yaml';
import { LoketError } from '../domain/errors.ts';
import {
  channelFiles,
  compareSemVer,
  isChannelFile,
  isChannelName,
  isReleaseFileName,
  offerFor,
  parseSemVer,
  rollbackMarker,
  type ChannelFile,
  type ChannelState,
  type Offer,
  type UpdatePlatform,
  type UpdateState,
} from '../domain/updates.ts';
import type { Station } from '../store/stations.ts';
import type { ReleaseFile, UpdateReport } from '../store/updates.ts';
import type { Caller, ServiceContext } from './context.ts';

/**
 * The hub's update channels (docs/updates.md): `loket updates publish` checks an electron-builder
 * output and files it under DATA/updates/<channel>/<version>/; the hub offers each station the
 * version its stage allows (`offerFor`), and stations say how their update went (`reportUpdate`).
 */

/** Where a data folder keeps its published releases. */
export const updatesFolder = (dataDir: string): string => path.join(dataDir, 'updates');

const refuse = (id: string, en: string): LoketError => new LoketError('INVALID_INPUT', { id, en });

function checkChannel(channel: string): void {
  if (!isChannelName(channel))
    throw refuse(
      `Nama kanal "${channel}" tidak valid: huruf kecil, angka dan tanda hubung, diawali huruf.`,
      `Not a channel name: "${channel}" (lower-case letters, digits and dashes, starting with a letter).`,
    );
}

function checkPercent(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100)
    throw refuse(
      'Persentase bertahap harus bilangan bulat 0–100.',
      'The staging percent must be a whole number from 0 to 100.',
    );
}

function channelOrRefuse(ctx: ServiceContext, channel: string): ChannelState {
  checkChannel(channel);
  const state = ctx.store.updates.channel(channel);
  if (!state)
    throw new LoketError('NOT_FOUND', {
      id: `Belum ada rilis di kanal "${channel}".`,
      en: `Nothing has been published on the channel "${channel}".`,
    });
  return state;
}

// — Publishing

/** One entry of a channel file's `files`, as electron-builder writes it. */
interface ChannelFileEntry {
  url: string;
  sha512: string;
  size: number;
  blockMapSize?: number;
}

interface ReadChannelFile {
  name: ChannelFile;
  platform: UpdatePlatform;
  version: string;
  releaseDate: string | null;
  files: ChannelFileEntry[];
}

export interface PublishInput {
  /** The electron-builder output folder (its `latest.yml` and/or `latest-linux.yml` and the files they name). */
  source: string;
  dataDir: string;
  channel: string;
  stagingPercent: number;
  /** Publish a version not newer than the channel's current, offered to everyone as a rollback. */
  rollback: boolean;
}

export interface PublishOutcome {
  channel: string;
  version: string;
  platforms: UpdatePlatform[];
  files: ReleaseFile[];
  stagingPercent: number;
  rollback: boolean;
  folder: string;
}

/**
 * Publishes a release: every file a channel file names is copied into a temporary folder inside
 * DATA/updates and checked there (size, base64 SHA-512, a blockmap that unpacks), then renamed
 * into place in the same transaction as its rows; anything wrong refuses the whole release and
 * leaves the channel, the database and the folder as they were.
 */
export function publishRelease(ctx: ServiceContext, caller: Caller, input: PublishInput): PublishOutcome {
  checkChannel(input.channel);
  checkPercent(input.stagingPercent);
  const present = (Object.keys(channelFiles) as ChannelFile[]).filter((name) =>
    isFile(path.join(input.source, name)),
  );
  if (present.length === 0)
    throw refuse(
      `Folder ${input.source} tidak berisi latest.yml atau latest-linux.yml.`,
      `${input.source} holds neither latest.yml nor latest-linux.yml.`,
    );
  const read = present.map((name) => readChannelFile(input.source, name));
  const version = (read[0] as ReadChannelFile).version;
  const other = read.find((file) => file.version !== version);
  if (other)
    throw refuse(
      `${other.name} menyebut versi ${other.version}, bukan ${version}.`,
      `${other.name} names version ${other.version}, not ${version}.`,
    );
  const semver = parseSemVer(version);
  if (!semver)
    throw refuse(
      `Versi "${version}" bukan versi semver.`,
      `The version "${version}" is not a semantic version.`,
    );

  const channelDir = path.join(updatesFolder(input.dataDir), input.channel);
  fs.mkdirSync(channelDir, { recursive: true, mode: 0o700 });
  const staging = path.join(channelDir, `.publish-${randomUUID()}`);
  fs.mkdirSync(staging, { mode: 0o700 });
  try {
    const files = copyAndCheck(input.source, staging, read);
    return ctx.store.transaction(() => {
      const before = ctx.store.updates.channel(input.channel);
      checkVersionAgainst(ctx, input, version, before);
      for (const file of files) {
        const owner = file.kind === 'channel' ? null : ctx.store.updates.fileByName(input.channel, file.name);
        if (owner)
          throw new LoketError('CONFLICT', {
            id: `Berkas ${file.name} sudah milik versi ${owner.version} di kanal ini.`,
            en: `The file ${file.name} already belongs to version ${owner.version} on this channel.`,
          });
      }
      const at = ctx.clock.now();
      const releaseDate = read.map((file) => file.releaseDate).find((date) => date !== null) ?? null;
      ctx.store.updates.addRelease({
        channel: input.channel,
        version,
        releaseDate,
        publishedAt: at,
        publishedBy: caller.actor,
        files,
      });
      ctx.store.updates.saveChannel(nextChannel(input, version, before), at);
      const platforms = read.map((file) => file.platform);
      ctx.store.events.emit({
        type: 'update.published',
        at,
        actor: caller.actor,
        station: caller.stationId,
        payload: {
          channel: input.channel,
          version,
          platforms,
          files: files.map(({ name, size, sha512 }) => ({ name, size, sha512 })),
          stagingPercent: input.rollback ? 100 : input.stagingPercent,
          rollback: input.rollback,
        },
      });
      if (input.rollback && before)
        ctx.store.events.emit({
          type: 'update.rolledBack',
          at,
          actor: caller.actor,
          station: caller.stationId,
          payload: { channel: input.channel, version, from: before.currentVersion },
        });
      // The rows commit with this transaction; a failed rename throws and rolls them back.
      const folder = path.join(channelDir, version);
      if (fs.existsSync(folder)) {
        // A folder with no release row is what a publish cut off after its rename left behind.
        fs.rmSync(folder, { recursive: true, force: true });
      }
      fs.renameSync(staging, folder);
      return {
        channel: input.channel,
        version,
        platforms,
        files,
        stagingPercent: input.rollback ? 100 : input.stagingPercent,
        rollback: input.rollback,
        folder,
      };
    });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function checkVersionAgainst(
  ctx: ServiceContext,
  input: PublishInput,
  version: string,
  before: ChannelState | null,
): void {
  if (ctx.store.updates.release(input.channel, version))
    throw new LoketError('CONFLICT', {
      id: `Versi ${version} sudah diterbitkan di kanal ${input.channel}.`,
      en: `Version ${version} is already published on the channel ${input.channel}.`,
    });
  if (!before) {
    if (input.rollback)
      throw refuse(
        `Kanal ${input.channel} belum punya versi untuk dikembalikan.`,
        `The channel ${input.channel} has no version to roll back from.`,
      );
    return;
  }
  const newer = compareSemVer(parseSemVer(version)!, parseSemVer(before.currentVersion)!) > 0;
  if (!newer && !input.rollback)
    throw refuse(
      `Versi ${version} tidak lebih baru dari versi kanal ${input.channel} saat ini (${before.currentVersion}); untuk mengembalikan versi lama pakai --rollback.`,
      `Version ${version} is not newer than the channel ${input.channel}'s current ${before.currentVersion}; to go back to an older version use --rollback.`,
    );
  if (newer && input.rollback)
    throw refuse(
      `--rollback untuk versi yang lebih lama dari ${before.currentVersion}, bukan ${version}.`,
      `--rollback is for a version older than ${before.currentVersion}, not ${version}.`,
    );
}

/** The channel after a publish: a new version starts its stage; a rollback goes to everyone. */
function nextChannel(
  input: PublishInput,
  version: string,
  before: ChannelState | null,
): Omit<ChannelState, 'pilots'> {
  if (input.rollback && before) return rolledBack(before, version);
  // What every station already had: the previous version if it had gone to all, else what it had.
  const rolledOutVersion = !before
    ? null
    : before.stagingPercent === 100 || before.rolledBackFrom !== null
      ? before.currentVersion
      : before.rolledOutVersion;
  return {
    channel: input.channel,
    currentVersion: version,
    rolledOutVersion,
    stagingPercent: input.stagingPercent,
    paused: false,
    rolledBackFrom: null,
  };
}

const rolledBack = (before: ChannelState, version: string): Omit<ChannelState, 'pilots'> => ({
  channel: before.channel,
  currentVersion: version,
  rolledOutVersion: version,
  stagingPercent: 100,
  paused: false,
  rolledBackFrom: before.currentVersion,
});

function readChannelFile(source: string, name: ChannelFile): ReadChannelFile {
  const text = fs.readFileSync(path.join(source, name), 'utf8');
  let parsed: unknown;
  try {
    parsed = yaml.load(text, { filename: name });
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw refuse(`${name} bukan YAML yang terbaca: ${why}`, `${name} is not readable YAML: ${why}`);
  }
  const bad = (what: string) =>
    refuse(
      `${name} tidak berbentuk berkas kanal electron-builder: ${what}.`,
      `${name} is not an electron-builder channel file: ${what}.`,
    );
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad('not a mapping');
  const file = parsed as Record<string, unknown>;
  const version = file.version;
  if (typeof version !== 'string' && typeof version !== 'number') throw bad('no version');
  if (!Array.isArray(file.files) || file.files.length === 0) throw bad('no files');
  const files = file.files.map((entry: unknown, index) => {
    const e = entry as Record<string, unknown> | null;
    if (
      typeof e !== 'object' ||
      e === null ||
      typeof e.url !== 'string' ||
      typeof e.sha512 !== 'string' ||
      typeof e.size !== 'number' ||
      !Number.isSafeInteger(e.size) ||
      e.size < 0 ||
      (e.blockMapSize !== undefined &&
        (typeof e.blockMapSize !== 'number' || !Number.isSafeInteger(e.blockMapSize) || e.blockMapSize < 0))
    )
      throw bad(`files[${index}] needs url, sha512 and size`);
    if (!isReleaseFileName(e.url))
      throw refuse(
        `${name} menyebut berkas "${e.url}": hanya nama berkas di folder yang sama yang diterima.`,
        `${name} names the file "${e.url}": only a plain file name in the same folder is accepted.`,
      );
    return {
      url: e.url,
      sha512: e.sha512,
      size: e.size,
      ...(e.blockMapSize !== undefined ? { blockMapSize: e.blockMapSize as number } : {}),
    };
  });
  if (file.path !== undefined) {
    const main = files.find((entry) => entry.url === file.path);
    if (!main) throw bad(`path ${String(file.path)} is not one of its files`);
    if (file.sha512 !== undefined && file.sha512 !== main.sha512) throw bad('sha512 differs from its file');
  }
  if (file.stagingPercentage !== undefined && typeof file.stagingPercentage !== 'number')
    throw bad('stagingPercentage is not a number');
  const releaseDate = typeof file.releaseDate === 'string' ? file.releaseDate : null;
  return { name, platform: channelFiles[name], version: String(version), releaseDate, files };
}

/** Copies the release into `staging` and checks the copies: what is published is what was checked. */
function copyAndCheck(source: string, staging: string, read: ReadChannelFile[]): ReleaseFile[] {
  const files: ReleaseFile[] = [];
  const taken = new Set<string>();
  for (const channelFile of read) {
    const target = path.join(staging, channelFile.name);
    fs.copyFileSync(path.join(source, channelFile.name), target);
    fs.chmodSync(target, 0o600);
    files.push({
      name: channelFile.name,
      platform: channelFile.platform,
      kind: 'channel',
      sha512: null,
      size: fs.statSync(target).size,
    });
    for (const entry of channelFile.files) {
      if (taken.has(entry.url))
        throw refuse(`Berkas ${entry.url} disebut dua kali.`, `The file ${entry.url} is named twice.`);
      taken.add(entry.url);
      const copied = copyNamed(source, staging, entry.url, channelFile.name);
      const sha512 = sha512Of(copied);
      const size = fs.statSync(copied).size;
      if (size !== entry.size)
        throw refuse(
          `${entry.url}: ukurannya ${size} bita, ${channelFile.name} menyebut ${entry.size}.`,
          `${entry.url}: its size is ${size} bytes, ${channelFile.name} says ${entry.size}.`,
        );
      if (sha512 !== entry.sha512)
        throw refuse(
          `${entry.url}: sha512 tidak cocok dengan ${channelFile.name} (berkas rusak atau diubah).`,
          `${entry.url}: the sha512 does not match ${channelFile.name} (a damaged or altered file).`,
        );
      if (entry.blockMapSize !== undefined && entry.blockMapSize >= size)
        throw refuse(
          `${entry.url}: blockMapSize lebih besar dari berkasnya.`,
          `${entry.url}: blockMapSize is larger than the file.`,
        );
      files.push({ name: entry.url, platform: channelFile.platform, kind: 'installer', sha512, size });
      const blockmap = `${entry.url}.blockmap`;
      if (isFile(path.join(source, blockmap)) && !taken.has(blockmap)) {
        taken.add(blockmap);
        const copiedMap = copyNamed(source, staging, blockmap, channelFile.name);
        checkBlockmap(copiedMap, blockmap);
        files.push({
          name: blockmap,
          platform: channelFile.platform,
          kind: 'blockmap',
          sha512: sha512Of(copiedMap),
          size: fs.statSync(copiedMap).size,
        });
      }
    }
  }
  return files;
}

function copyNamed(source: string, staging: string, name: string, namedBy: string): string {
  const from = path.join(source, name);
  if (!isFile(from))
    throw refuse(
      `${namedBy} menyebut ${name}, tetapi berkas itu tidak ada di ${source}.`,
      `${namedBy} names ${name}, but there is no such file in ${source}.`,
    );
  const to = path.join(staging, name);
  fs.copyFileSync(from, to);
  fs.chmodSync(to, 0o600);
  return to;
}

/** An electron-builder blockmap: gzip of JSON with `version` and `files`. */
function checkBlockmap(file: string, name: string): void {
  try {
    const map = JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')) as { files?: unknown };
    if (Array.isArray(map.files)) return;
  } catch {
    // said below
  }
  throw refuse(`${name} bukan blockmap electron-builder.`, `${name} is not an electron-builder blockmap.`);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Base64 SHA-512 of a file, as electron-builder writes it in a channel file. */
export function sha512Of(file: string): string {
  return createHash('sha512').update(fs.readFileSync(file)).digest('base64');
}

// — The channel's state

/** Sends the channel's staged version to another share of the stations. */
export function stageChannel(
  ctx: ServiceContext,
  caller: Caller,
  channel: string,
  percent: number,
): ChannelState {
  checkPercent(percent);
  return ctx.store.transaction(() => {
    const state = channelOrRefuse(ctx, channel);
    if (state.rolledBackFrom !== null)
      throw refuse(
        `Kanal ${channel} menawarkan versi ${state.currentVersion} ke semua stasiun sebagai pengembalian; terbitkan versi baru untuk bertahap lagi.`,
        `The channel ${channel} offers ${state.currentVersion} to every station as a rollback; publish a new version to stage again.`,
      );
    if (state.stagingPercent === percent) return state;
    const at = ctx.clock.now();
    ctx.store.updates.saveChannel({ ...state, stagingPercent: percent }, at);
    ctx.store.events.emit({
      type: 'update.staged',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: { channel, version: state.currentVersion, from: state.stagingPercent, to: percent },
    });
    return { ...state, stagingPercent: percent };
  });
}

/** Pauses (or resumes) a channel; answers whether anything changed. */
export function pauseChannel(ctx: ServiceContext, caller: Caller, channel: string, paused: boolean): boolean {
  return ctx.store.transaction(() => {
    const state = channelOrRefuse(ctx, channel);
    if (state.paused === paused) return false;
    const at = ctx.clock.now();
    ctx.store.updates.saveChannel({ ...state, paused }, at);
    ctx.store.events.emit({
      type: paused ? 'update.paused' : 'update.resumed',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: { channel, version: state.currentVersion },
    });
    return true;
  });
}

/** Names a station (by id or name) a pilot of a channel, or no longer; answers whether anything changed. */
export function setPilot(
  ctx: ServiceContext,
  caller: Caller,
  channel: string,
  stationRef: string,
  pilot: boolean,
): { station: Station; changed: boolean } {
  checkChannel(channel);
  return ctx.store.transaction(() => {
    const station = stationByIdOrName(ctx, stationRef);
    const at = ctx.clock.now();
    const changed = pilot
      ? ctx.store.updates.addPilot(channel, station.id, at)
      : ctx.store.updates.removePilot(channel, station.id);
    if (changed)
      ctx.store.events.emit({
        type: pilot ? 'update.pilotAdded' : 'update.pilotRemoved',
        at,
        actor: caller.actor,
        station: caller.stationId,
        payload: { channel, station: { id: station.id, name: station.name, mode: station.mode } },
      });
    return { station, changed };
  });
}

function stationByIdOrName(ctx: ServiceContext, ref: string): Station {
  const active = ctx.store.stations.list().filter((station) => station.revokedAt === null);
  const found =
    active.find((station) => station.id === ref) ?? active.filter((station) => station.name === ref);
  if (!Array.isArray(found)) return found;
  if (found.length === 1) return found[0] as Station;
  if (found.length > 1)
    throw refuse(
      `Ada ${found.length} stasiun bernama "${ref}"; sebut nomor stasiunnya.`,
      `${found.length} stations are named "${ref}"; give the station's id.`,
    );
  throw new LoketError('NOT_FOUND', {
    id: `Tidak ada stasiun aktif "${ref}" (lihat loket station list).`,
    en: `No active station "${ref}" (see loket station list).`,
  });
}

/**
 * Offers an older published version to every station, marked as a rollback (the channel file
 * carries `loketRollback: true`, so a station accepts the downgrade for that check). Resumes a
 * paused channel: the rollback is what the pause was waiting for.
 */
export function rollbackChannel(
  ctx: ServiceContext,
  caller: Caller,
  channel: string,
  version: string,
): ChannelState {
  return ctx.store.transaction(() => {
    const state = channelOrRefuse(ctx, channel);
    if (!ctx.store.updates.release(channel, version))
      throw new LoketError('NOT_FOUND', {
        id: `Versi ${version} belum pernah diterbitkan di kanal ${channel}.`,
        en: `Version ${version} was never published on the channel ${channel}.`,
      });
    if (compareSemVer(parseSemVer(version)!, parseSemVer(state.currentVersion)!) >= 0)
      throw refuse(
        `Pengembalian ke versi yang lebih lama dari ${state.currentVersion}, bukan ${version}.`,
        `A rollback goes to a version older than ${state.currentVersion}, not ${version}.`,
      );
    const at = ctx.clock.now();
    const next = rolledBack(state, version);
    ctx.store.updates.saveChannel(next, at);
    ctx.store.events.emit({
      type: 'update.rolledBack',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: { channel, version, from: state.currentVersion },
    });
    return { ...next, pilots: state.pilots };
  });
}

// — What the stations see and say

export interface UpdatesStatus {
  channels: (ChannelState & { versions: string[] })[];
  stations: {
    id: string;
    name: string;
    mode: Station['mode'];
    report: UpdateReport | null;
  }[];
}

/** Every channel's state and every active station's last update report (`loket updates status`). */
export function updatesStatus(ctx: ServiceContext): UpdatesStatus {
  const reports = new Map(ctx.store.updates.reports().map((report) => [report.stationId, report]));
  return {
    channels: ctx.store.updates
      .channels()
      .map((state) => ({ ...state, versions: ctx.store.updates.versions(state.channel) })),
    stations: ctx.store.stations
      .list()
      .filter((station) => station.revokedAt === null)
      .map((station) => ({
        id: station.id,
        name: station.name,
        mode: station.mode,
        report: reports.get(station.id) ?? null,
      })),
  };
}

/** A staging id as electron-updater makes it (a UUID); anything else is ignored. */
export const stagingIdOf = (value: unknown): string | null =>
  typeof value === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(value) ? value : null;

/**
 * The channel file a station is offered (`GET /updates/<channel>/latest-linux.yml`): the version
 * its stage allows, without electron-builder's own `stagingPercentage` (the hub decides), and with
 * `loketRollback: true` when the version is a rollback. The check is noted as the station's
 * `checked` report either way.
 */
export function channelFileFor(
  ctx: ServiceContext,
  dataDir: string,
  station: Station,
  channel: string,
  name: string,
  stagingId: string | null,
): { text: string; offer: Offer } {
  const nothing = (en: string, id: string) => new LoketError('NOT_FOUND', { id, en });
  if (!isChannelName(channel) || !isChannelFile(name))
    throw nothing('No such channel file.', 'Berkas kanal tidak ada.');
  noteCheck(ctx, station, stagingId);
  const state = ctx.store.updates.channel(channel);
  if (!state)
    throw nothing(`Nothing is published on the channel ${channel}.`, `Belum ada rilis di kanal ${channel}.`);
  const offer = offerFor(state, { id: station.id, stagingId });
  if (offer.version === null)
    throw nothing(
      offer.why === 'paused'
        ? `The channel ${channel} is paused and no version went to every station before.`
        : `No version of the channel ${channel} is offered to this station yet.`,
      offer.why === 'paused'
        ? `Kanal ${channel} dijeda dan belum ada versi yang sampai ke semua stasiun.`
        : `Belum ada versi kanal ${channel} untuk stasiun ini.`,
    );
  const release = ctx.store.updates.release(channel, offer.version);
  if (!release?.files.some((file) => file.kind === 'channel' && file.name === name))
    throw nothing(
      `Version ${offer.version} has no ${channelFiles[name]} build.`,
      `Versi ${offer.version} tidak punya paket ${channelFiles[name]}.`,
    );
  const published = yaml.load(
    fs.readFileSync(path.join(updatesFolder(dataDir), channel, offer.version, name), 'utf8'),
  ) as Record<string, unknown>;
  delete published.stagingPercentage;
  if (offer.rollback) published[rollbackMarker] = true;
  return { text: yaml.dump(published, { lineWidth: -1, noRefs: true }), offer };
}

/** The hub saw the station check: its staging id and when; a download in progress keeps its state. */
function noteCheck(ctx: ServiceContext, station: Station, stagingId: string | null): void {
  ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const before = ctx.store.updates.report(station.id);
    const busy = before?.state === 'downloading' || before?.state === 'downloaded';
    ctx.store.updates.saveReport({
      stationId: station.id,
      stagingId: stagingId ?? before?.stagingId ?? null,
      version: before?.version ?? null,
      targetVersion: before?.targetVersion ?? null,
      state: busy ? (before.state as UpdateState) : 'checked',
      error: before?.error ?? null,
      at: busy ? before.at : at,
      checkedAt: at,
    });
  });
}

/**
 * An installer or blockmap of a channel, by the name a channel file gave it: only a file a
 * published release lists, read from that release's own folder, with the size it was published at.
 */
export function releaseFileFor(
  ctx: ServiceContext,
  dataDir: string,
  channel: string,
  name: string,
): { file: string; size: number; kind: ReleaseFile['kind'] } {
  const missing = new LoketError('NOT_FOUND', { id: 'Berkas tidak ada.', en: 'No such file.' });
  if (!isChannelName(channel) || !isReleaseFileName(name)) throw missing;
  const listed = ctx.store.updates.fileByName(channel, name);
  if (!listed) throw missing;
  const folder = path.join(updatesFolder(dataDir), channel, listed.version);
  const file = path.join(folder, name);
  if (path.dirname(file) !== folder) throw missing;
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw missing;
  }
  if (size !== listed.size)
    throw new LoketError('INTERNAL', {
      id: `Berkas ${name} di hub berubah sejak diterbitkan.`,
      en: `The file ${name} changed on the hub since it was published.`,
    });
  return { file, size, kind: listed.kind };
}

export interface UpdateReportInput {
  /** The version the station runs. */
  version: string;
  state: UpdateState;
  /** The version it found, downloads, downloaded or failed on. */
  target?: string | undefined;
  error?: string | undefined;
  stagingId?: string | undefined;
}

/** A station says how its update goes: kept as its last report and logged for the supervisor. */
export function reportUpdate(
  ctx: ServiceContext,
  caller: Caller & { station: Station },
  input: UpdateReportInput,
): { recorded: true } {
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const before = ctx.store.updates.report(caller.station.id);
    const cleared = input.state === 'installed' || input.state === 'up-to-date';
    const error = input.error ?? (cleared ? null : (before?.error ?? null));
    ctx.store.updates.saveReport({
      stationId: caller.station.id,
      stagingId: input.stagingId ?? before?.stagingId ?? null,
      version: input.version,
      targetVersion: input.target ?? (cleared ? null : (before?.targetVersion ?? null)),
      state: input.state,
      error,
      at,
      checkedAt: before?.checkedAt ?? null,
    });
    ctx.store.events.emit({
      type: 'update.reported',
      at,
      actor: caller.actor,
      station: caller.station.id,
      payload: {
        version: input.version,
        target: input.target ?? null,
        state: input.state,
        error: input.error ?? null,
      },
    });
    return { recorded: true };
  });
}
