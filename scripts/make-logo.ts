// Development-time helper (never run by the app): draws the ticket-header logo, the word LOKET
// beside a counter with a clerk behind it, as a 384 × 96 1-bit PNG, and reads it back with the
// app's own PNG reader to check that what the printer gets is what was drawn.
//
//   node bin/run-ts.js scripts/make-logo.ts [OUT.png]     (default resources/logo/loket.png)
import fs from 'node:fs';
import { bitmapOf, loadLogo } from '../drivers/ticket-printer/logo.ts';
import { writeBitmapPng } from '../drivers/ticket-printer/png.ts';

const width = 384; // fits a 58 mm roll (384 dots) and sits centred on an 80 mm one (576)
const height = 96;
const stroke = 10;

type Shape = (x: number, y: number) => boolean;

/** A thick line with round ends, from (x1, y1) to (x2, y2). */
const line =
  (x1: number, y1: number, x2: number, y2: number, thickness = stroke): Shape =>
  (x, y) => {
    const [dx, dy] = [x2 - x1, y2 - y1];
    const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy || 1)));
    return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) <= thickness / 2;
  };

/** The outline of an ellipse centred on (cx, cy). */
const ring =
  (cx: number, cy: number, rx: number, ry: number): Shape =>
  (x, y) => {
    const outer = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
    const inner = ((x - cx) / (rx - stroke)) ** 2 + ((y - cy) / (ry - stroke)) ** 2 <= 1;
    return outer && !inner;
  };

const disc =
  (cx: number, cy: number, rx: number, ry = rx): Shape =>
  (x, y) =>
    ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

const box =
  (left: number, top: number, right: number, bottom: number): Shape =>
  (x, y) =>
    x >= left && x <= right && y >= top && y <= bottom;

/** Letters 56 high and 40 wide (O 50, so it is not read as a zero); `left` and `top` place them. */
const letters: Record<string, (left: number, top: number) => Shape[]> = {
  L: (l, t) => [line(l + 5, t + 5, l + 5, t + 51), line(l + 5, t + 51, l + 37, t + 51)],
  O: (l, t) => [ring(l + 25, t + 28, 25, 28)],
  K: (l, t) => [
    line(l + 5, t + 5, l + 5, t + 51),
    line(l + 35, t + 5, l + 8, t + 31),
    line(l + 15, t + 24, l + 35, t + 51),
  ],
  E: (l, t) => [
    line(l + 5, t + 5, l + 5, t + 51),
    line(l + 5, t + 5, l + 35, t + 5),
    line(l + 5, t + 28, l + 30, t + 28),
    line(l + 5, t + 51, l + 35, t + 51),
  ],
  T: (l, t) => [line(l + 5, t + 5, l + 35, t + 5), line(l + 20, t + 5, l + 20, t + 51)],
};

const shapes: Shape[] = [
  // The clerk: head and shoulders behind the counter.
  disc(48, 30, 11),
  (x, y) => y <= 62 && disc(48, 68, 24, 22)(x, y),
  // The counter: a top and a front panel.
  box(14, 62, 82, 70),
  box(20, 70, 24, 84),
  box(72, 70, 76, 84),
  box(20, 80, 76, 84),
  // The frame.
  (x, y) => !box(6, 6, width - 7, height - 7)(x, y) && box(2, 2, width - 3, height - 3)(x, y),
  ...[...'LOKET'].flatMap((letter, i) => letters[letter]?.(105 + i * 52 + (i > 1 ? 10 : 0), 20) ?? []),
];

const pixels = new Uint8Array(width * height);
for (let y = 0; y < height; y++) {
  for (let x = 0; x < width; x++)
    pixels[y * width + x] = shapes.some((shape) => shape(x + 0.5, y + 0.5)) ? 0 : 255;
}
const { rows } = bitmapOf({ width, height, pixels });

const out = process.argv[2] ?? 'resources/logo/loket.png';
fs.writeFileSync(out, writeBitmapPng({ width, height, rows }));

const back = loadLogo(out);
if (back.width !== width || back.height !== height || !Buffer.from(back.rows).equals(Buffer.from(rows)))
  throw new Error(`${out} does not read back as drawn`);
console.log(`${out}: ${width} × ${height}, ${fs.statSync(out).size} bytes`);
