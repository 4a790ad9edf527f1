import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { startHub, type Hub } from '../../src-main/hub/server.ts';
import { defaultAudioDir, serveStationUi } from '../../src-main/hub/stationUi.ts';
import { at } from '../support/floor.ts';

const dirs: string[] = [];
const hubs: Hub[] = [];
const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
  for (const app of apps.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-audio-'));
  dirs.push(dir);
  return dir;
}

describe("the hub serving the board's spoken-call clips", () => {
  it('serves the shipped clips at /audio/<name>.wav as audio/wav, to station pages whose CSP lets them play them', async () => {
    const uiDir = tempDir();
    fs.mkdirSync(path.join(uiDir, 'assets'));
    fs.writeFileSync(path.join(uiDir, 'index.html'), '<p>board</p>');
    const hub = await startHub({
      dataDir: tempDir(),
      clock: new ManualClock(at('2026-11-30', '09:00')),
      uiDir,
    });
    hubs.push(hub);

    for (const clip of [
      'chime',
      'nomor-antrian',
      'letter-a',
      'digit-0',
      'silakan-menuju-loket',
      'number-30',
    ]) {
      const response = await fetch(`${hub.url}/audio/${clip}.wav`);
      expect(response.status, clip).toBe(200);
      expect(response.headers.get('content-type'), clip).toBe('audio/wav');
      expect(response.headers.get('x-content-type-options'), clip).toBe('nosniff');
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.equals(fs.readFileSync(path.join(defaultAudioDir, `${clip}.wav`))), clip).toBe(true);
    }
    // Every station page has the same CSP; /kiosk is the one page every build serves.
    const page = await fetch(`${hub.url}/kiosk`);
    expect(page.headers.get('content-security-policy')).toContain("media-src 'self'");
  });

  it('serves nothing but the clips read at start, whatever the path says', async () => {
    const root = tempDir();
    const audioDir = path.join(root, 'audio');
    fs.mkdirSync(audioDir);
    fs.writeFileSync(path.join(audioDir, 'chime.wav'), 'RIFF-chime');
    fs.writeFileSync(path.join(audioDir, 'notes.txt'), 'not for the floor');
    fs.writeFileSync(path.join(audioDir, '.hidden.wav'), 'not for the floor');
    fs.writeFileSync(path.join(root, 'secret.wav'), 'not for the floor');
    const app = Fastify();
    apps.push(app);
    serveStationUi(app, path.join(root, 'no-ui'), audioDir);
    await app.ready();
    // A clip that appears after start is not served: the hub reads the folder once.
    fs.writeFileSync(path.join(audioDir, 'late.wav'), 'not for the floor');

    const chime = await app.inject({ url: '/audio/chime.wav' });
    expect(chime.statusCode).toBe(200);
    expect(chime.body).toBe('RIFF-chime');
    for (const probe of [
      '/audio/notes.txt',
      '/audio/.hidden.wav',
      '/audio/late.wav',
      '/audio/missing.wav',
      '/audio/../secret.wav',
      '/audio/..%2fsecret.wav',
      '/audio/%2e%2e%2fsecret.wav',
      '/audio/..%5csecret.wav',
      '/audio/chime.wav/',
      '/audio/chime',
      '/audio/',
      '/secret.wav',
    ]) {
      const response = await app.inject({ url: probe });
      expect(response.statusCode, probe).toBe(404);
      expect(response.body, probe).not.toContain('not for the floor');
    }
  });

  it('starts without clips when the folder is missing, and answers 404', async () => {
    const app = Fastify();
    apps.push(app);
    serveStationUi(app, tempDir(), path.join(tempDir(), 'nothing-here'));
    expect((await app.inject({ url: '/audio/chime.wav' })).statusCode).toBe(404);
  });
});
