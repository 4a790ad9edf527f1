import { createHash } from 'node:crypto';
import type { FingerName } from './fingers.ts';
import type { GrayPicture } from './png.ts';

/**
 * Synthetic fingerprints for the simulator: a grayscale ridge pattern inside a fingertip-shaped
 * mask. Which pattern (whorl, loop to the left or right, arch), where its core sits, the ridge
 * spacing and the small warps follow from the finger and the simulated person, so one finger looks
 * the same at every attempt and unlike the other nine. The quality asked for sets how the
 * impression looks: low quality is faint, noisy and smudged, as a dry or dirty finger would be.
 * Nothing here resembles a real person's print.
 */
export interface SyntheticOptions {
  /** Who the simulated applicant is: another seed gives another set of ten fingers. */
  person: string;
  /** 0–100: how clean the impression is. */
  quality: number;
  /** Which attempt: the noise differs from one attempt to the next, the ridges do not. */
  attempt?: number;
  width?: number;
  height?: number;
}

type Pattern = 'whorl' | 'left_loop' | 'right_loop' | 'arch';

function seeded(text: string): () => number {
  let state = createHash('sha256').update(text).digest().readUInt32LE(0);
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticFingerprint(finger: FingerName, options: SyntheticOptions): GrayPicture {
  const width = options.width ?? 256;
  const height = options.height ?? 320;
  const quality = Math.min(100, Math.max(0, options.quality)) / 100;
  const shape = seeded(`${options.person}|${finger}`);
  const noise = seeded(`${options.person}|${finger}|${options.attempt ?? 1}|${options.quality}`);
  const patterns: Pattern[] = ['whorl', 'left_loop', 'right_loop', 'arch'];
  const pattern = patterns[Math.floor(shape() * (finger.endsWith('Thumb') ? 2 : 4))] ?? 'whorl';
  const coreX = width * (0.42 + shape() * 0.16);
  const coreY = height * (0.38 + shape() * 0.14);
  const period = 7.5 + shape() * 2.5; // pixels from ridge to ridge (about 9 at 500 ppi)
  const tilt = (shape() - 0.5) * 0.5;
  const warps = Array.from({ length: 3 }, () => ({
    amplitude: 2 + shape() * 5,
    rate: 0.01 + shape() * 0.03,
    phase: shape() * 6.3,
  }));
  const contrast = 0.25 + 0.75 * quality;
  const grain = (1 - quality) * 70;
  const smudges = Array.from({ length: Math.round((1 - quality) * 6) }, () => ({
    x: noise() * width,
    y: noise() * height,
    radius: 15 + noise() * 35,
  }));
  const pixels = new Uint8Array(width * height);
  const [cos, sin] = [Math.cos(tilt), Math.sin(tilt)];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // The fingertip: an ellipse, a little wider at the top, fading at its edge.
      const ex = (x - width / 2) / (width * 0.46);
      const ey = (y - height * 0.52) / (height * 0.5);
      const edge = 1 - Math.hypot(ex, ey);
      if (edge <= 0) {
        pixels[y * width + x] = 250;
        continue;
      }
      let wx = x;
      let wy = y;
      for (const w of warps) {
        wx += w.amplitude * Math.sin(wy * w.rate + w.phase);
        wy += w.amplitude * Math.sin(wx * w.rate + w.phase * 1.7);
      }
      const dx = (wx - coreX) * cos - (wy - coreY) * sin;
      const dy = (wx - coreX) * sin + (wy - coreY) * cos;
      const phase = ridgePhase(pattern, dx, dy, height, period) / period;
      let ridge = 0.5 + 0.5 * Math.cos(2 * Math.PI * phase); // 1 on a ridge
      for (const s of smudges) {
        // Ridges fade into a smudge towards its middle.
        const depth = 1 - Math.hypot(x - s.x, y - s.y) / s.radius;
        if (depth > 0) ridge += (0.5 - ridge) * Math.min(1, depth * 2) * 0.8;
      }
      const fade = Math.min(1, edge * 6);
      const shade = 235 - ridge * 200 * contrast * fade + (noise() - 0.5) * grain;
      pixels[y * width + x] = Math.max(0, Math.min(255, Math.round(shade)));
    }
  }
  return { width, height, pixels };
}

/** Distance across ridges from the core, in pixels, for each kind of pattern. */
function ridgePhase(pattern: Pattern, dx: number, dy: number, height: number, period: number): number {
  const r = Math.hypot(dx, dy);
  switch (pattern) {
    case 'whorl':
      // A spiral: one ridge further out per turn, so the ridges meet where the angle wraps round.
      return r + (Math.atan2(dy, dx) / (2 * Math.PI)) * period;
    case 'arch':
      return dy - 28 * Math.exp(-(dx * dx) / (2 * (height * 0.18) ** 2)); // ridges rising over a hump
    case 'left_loop':
    case 'right_loop': {
      // Arcs over the core; below it the loop's two legs run down and lean to one side, bending
      // in gradually so no ridge kinks where the arcs end.
      if (dy <= 0) return r;
      const t = Math.min(1, dy / (height * 0.3));
      const bend = t * t * (3 - 2 * t);
      const lean = pattern === 'left_loop' ? -0.45 : 0.45;
      return Math.hypot(dx - lean * dy * bend, dy * (1 - 0.75 * bend));
    }
  }
}
