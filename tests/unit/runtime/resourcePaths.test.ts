import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  missingResources,
  resourcePaths,
  sourceResources,
  sourceRoot,
} from '../../../src-main/runtime/resourcePaths.ts';
import { readShippedCalendar, sourceCalendarDir } from '../../../src-main/services/calendarFiles.ts';
import { defaultAudioDir } from '../../../src-main/hub/stationUi.ts';
import { sourceOcrbFont } from '../../../src-main/documents/dataPage.ts';
import { announcementClips } from '../../../src-main/domain/announcement.ts';

const builderConfig = fs.readFileSync(path.join(sourceRoot, 'electron-builder.yml'), 'utf8');

/** The few keys of electron-builder.yml that decide where files land in an installed app. */
function packagingRules() {
  const extra = /extraResources:\s*\n\s*- from: (\S+)\s*\n\s*to: (\S+)/.exec(builderConfig);
  // A top-level list: its `- item` lines up to the next top-level key (comments skipped).
  const listOf = (key: string) => {
    const lines = builderConfig.split('\n');
    const start = lines.indexOf(`${key}:`);
    const items: string[] = [];
    for (const line of lines.slice(start + 1)) {
      if (/^\S/.test(line)) break;
      const item = /^\s+- '?([^'#]+?)'?\s*$/.exec(line);
      if (item) items.push(item[1] as string);
    }
    return start < 0 ? [] : items;
  };
  return {
    extraFrom: extra?.[1] ?? null,
    extraTo: extra?.[2] ?? null,
    files: listOf('files'),
    asarUnpack: listOf('asarUnpack'),
    asar: /^asar: true$/m.test(builderConfig),
  };
}

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * An installed app's resources folder, assembled from the real files by electron-builder.yml's
 * rules: the code and UIs in app.asar (a folder here: Electron reads both alike), `resources/`
 * copied beside it (extraResources), every *.node outside the archive (asarUnpack).
 */
function assemblePackagedApp(rules: ReturnType<typeof packagingRules>): {
  resourcesPath: string;
  appPath: string;
} {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-packaged-'));
  temporary.push(root);
  const resourcesPath = path.join(root, 'resources');
  const appPath = path.join(resourcesPath, 'app.asar');
  if (rules.files.includes('dist/renderer/**'))
    fs.cpSync(path.join(sourceRoot, 'dist/renderer'), path.join(appPath, 'dist/renderer'), {
      recursive: true,
    });
  if (rules.extraFrom && rules.extraTo)
    fs.cpSync(path.join(sourceRoot, rules.extraFrom), path.join(resourcesPath, rules.extraTo), {
      recursive: true,
      filter: (file) => !file.startsWith(path.join(sourceRoot, rules.extraFrom as string, 'build')),
    });
  if (rules.asarUnpack.includes('**/*.node')) {
    const addon = path.relative(sourceRoot, sourceResources.nativeAddons.betterSqlite3);
    fs.mkdirSync(path.dirname(path.join(`${appPath}.unpacked`, addon)), { recursive: true });
    fs.copyFileSync(path.join(sourceRoot, addon), path.join(`${appPath}.unpacked`, addon));
  }
  return { resourcesPath, appPath };
}

describe('where the shipped files are', () => {
  it('finds every one of them in this checkout, for the hub, the CLI and the desktop app in development', () => {
    expect(missingResources(sourceResources)).toEqual([]);
    // The hub's and the documents' defaults are the module's, not paths of their own.
    expect(sourceCalendarDir).toBe(sourceResources.calendars);
    expect(defaultAudioDir).toBe(sourceResources.audio);
    expect(sourceOcrbFont).toBe(sourceResources.ocrbFont);
    expect(readShippedCalendar(sourceResources.calendars, 2026).state).toBe('ok');
    expect(fs.readdirSync(sourceResources.faceModels).some((f) => f.endsWith('.bin'))).toBe(true);
  });

  it('finds every one of them in an installed app laid out as electron-builder.yml says', () => {
    const rules = packagingRules();
    expect(rules.asar).toBe(true);
    const packaged = resourcePaths({ kind: 'packaged', ...assemblePackagedApp(rules) });
    expect(missingResources(packaged)).toEqual([]);
    expect(readShippedCalendar(packaged.calendars, 2026).state).toBe('ok');
    expect(readShippedCalendar(packaged.calendars, 2027).state).toBe('ok');
    const clips = fs.readdirSync(packaged.audio);
    expect(clips).toEqual(fs.readdirSync(sourceResources.audio));
    for (const clip of announcementClips('B3-027', 12)) expect(clips).toContain(`${clip}.wav`);
    expect(fs.statSync(packaged.ocrbFont).size).toBe(fs.statSync(sourceResources.ocrbFont).size);
    expect(fs.existsSync(path.join(packaged.renderer, 'index.html'))).toBe(true);
    expect(fs.readdirSync(packaged.faceModels).some((f) => f.endsWith('.bin'))).toBe(true);
    // The addon is outside the archive, where the operating system can load it.
    expect(packaged.nativeAddons.betterSqlite3).toContain(`app.asar.unpacked${path.sep}node_modules`);
    expect(fs.existsSync(packaged.nativeAddons.betterSqlite3)).toBe(true);
  });

  it('names what is missing when the packaging leaves a file out', () => {
    const rules = packagingRules();
    // As the app looked for them before: resources/ inside the archive, which electron-builder never put there.
    const { resourcesPath, appPath } = assemblePackagedApp({ ...rules, extraFrom: null, extraTo: null });
    const missing = missingResources(resourcePaths({ kind: 'packaged', resourcesPath, appPath }));
    expect(missing.map((m) => m.split(':')[0])).toEqual(['calendars', 'audio', 'ocrbFont', 'logo']);
    expect(missing[0]).toContain(path.join(resourcesPath, 'resources', 'calendars'));
  });
});
