#!/usr/bin/env node
// Development-time helper for scripts/make-clips.sh (never run by the app): writes the board's
// two-tone chime, and trims, levels and resamples to 16 kHz the speech clips espeak-ng writes
// (22.05 kHz). Mono 16-bit PCM WAV only.
//
//   node scripts/wav-clips.js chime OUT.wav
//   node scripts/wav-clips.js trim FILE.wav...      (in place)
import fs from 'node:fs';

/** Every clip at one rate, 16 kHz: ample for a voice and a chime, and keeps the set small. */
const sampleRate = 16000;

function readWav(file) {
  const bytes = fs.readFileSync(file);
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error(`${file}: not a WAV file`);
  let format = null;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = bytes.toString('ascii', at, at + 4);
    // espeak-ng writing to a pipe leaves the sizes unknown (0x7fffffff-ish): clamp to the file.
    const size = Math.min(bytes.readUInt32LE(at + 4), bytes.length - at - 8);
    if (id === 'fmt ') {
      format = {
        encoding: bytes.readUInt16LE(at + 8),
        channels: bytes.readUInt16LE(at + 10),
        rate: bytes.readUInt32LE(at + 12),
        bits: bytes.readUInt16LE(at + 22),
      };
    }
    if (id === 'data') {
      if (!format || format.encoding !== 1 || format.channels !== 1 || format.bits !== 16)
        throw new Error(`${file}: want mono 16-bit PCM, got ${JSON.stringify(format)}`);
      const samples = new Int16Array(size >> 1);
      for (let i = 0; i < samples.length; i += 1) samples[i] = bytes.readInt16LE(at + 8 + 2 * i);
      return { rate: format.rate, samples };
    }
    at += 8 + size + (size & 1);
  }
  throw new Error(`${file}: no data chunk`);
}

function writeWav(file, rate, samples) {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.length * 2, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.length * 2, 40);
  const body = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => body.writeInt16LE(s, i * 2));
  fs.writeFileSync(file, Buffer.concat([header, body]));
}

const toInt16 = (x) => Math.max(-32768, Math.min(32767, Math.round(x * 32767)));

/** Ding-dong: E5 then C5, each a struck tone (fundamental and a soft octave) that decays. */
function chime() {
  const notes = [
    { hz: 659.25, start: 0, length: 0.7 },
    { hz: 523.25, start: 0.45, length: 0.85 },
  ];
  const total = Math.ceil(sampleRate * 1.3);
  const mix = new Float64Array(total);
  for (const note of notes) {
    const from = Math.round(note.start * sampleRate);
    const count = Math.round(note.length * sampleRate);
    for (let i = 0; i < count && from + i < total; i += 1) {
      const t = i / sampleRate;
      const attack = Math.min(1, t / 0.01); // 10 ms fade in: no click
      const release = Math.min(1, (count - i) / (0.05 * sampleRate)); // 50 ms fade out
      const decay = Math.exp(-t * 4);
      const tone = Math.sin(2 * Math.PI * note.hz * t) + 0.3 * Math.sin(4 * Math.PI * note.hz * t);
      mix[from + i] += 0.4 * attack * release * decay * tone;
    }
  }
  return Int16Array.from(mix, toInt16);
}

/**
 * Cuts the silence espeak-ng leaves around a word (keeping a little, so words played one after
 * another do not run together), fades the edges, and levels the peak so every clip is as loud.
 */
function trim(samples, rate) {
  const threshold = 0.02 * 32767;
  let first = samples.findIndex((s) => Math.abs(s) > threshold);
  if (first < 0) throw new Error('clip is silent');
  let last = samples.length - 1;
  while (Math.abs(samples[last]) <= threshold) last -= 1;
  first = Math.max(0, first - Math.round(0.03 * rate));
  last = Math.min(samples.length - 1, last + Math.round(0.06 * rate));
  const kept = samples.slice(first, last + 1);
  const peak = kept.reduce((m, s) => Math.max(m, Math.abs(s)), 1);
  const gain = (0.8 * 32767) / peak;
  const fade = Math.round(0.005 * rate);
  return Int16Array.from(kept, (s, i) => {
    const edge = Math.min(1, i / fade, (kept.length - 1 - i) / fade);
    return toInt16((s * gain * edge) / 32767);
  });
}

/**
 * Windowed-sinc resampling (Blackman window, 32 taps), low-passed below the new Nyquist
 * frequency so nothing folds back as a whistle.
 */
function resample(samples, from, to) {
  if (from === to) return Float64Array.from(samples);
  const cutoff = 0.95 * Math.min(1, to / from); // of the input's Nyquist frequency
  const half = 16;
  const out = new Float64Array(Math.floor((samples.length * to) / from));
  for (let n = 0; n < out.length; n += 1) {
    const t = (n * from) / to;
    let sum = 0;
    for (let k = Math.ceil(t - half); k <= Math.floor(t + half); k += 1) {
      if (k < 0 || k >= samples.length) continue;
      const x = t - k;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * cutoff * x) / (Math.PI * cutoff * x);
      const w = 0.42 + 0.5 * Math.cos((Math.PI * x) / half) + 0.08 * Math.cos((2 * Math.PI * x) / half);
      sum += samples[k] * cutoff * sinc * w;
    }
    out[n] = sum;
  }
  return out;
}

const [command, ...files] = process.argv.slice(2);
if (command === 'chime' && files.length === 1) {
  writeWav(files[0], sampleRate, chime());
} else if (command === 'trim' && files.length > 0) {
  for (const file of files) {
    const { rate, samples } = readWav(file);
    writeWav(file, sampleRate, trim(resample(samples, rate, sampleRate), sampleRate));
  }
} else {
  console.error('usage: node scripts/wav-clips.js chime OUT.wav | trim FILE.wav...');
  process.exit(2);
}
