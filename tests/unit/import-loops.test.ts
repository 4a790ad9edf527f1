import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A use case reaches another through its imports, never round in a loop: the port types the
 * services call out through live in services/ports.ts, not in a use-case file.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const importPattern = /^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms;

/** Each file of a folder with the files of that folder it imports (types too). */
function importGraph(folder: string): Map<string, string[]> {
  const dir = path.join(root, folder);
  const files = (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(dir, file));
  return new Map(
    files.map((file) => [
      file,
      [...fs.readFileSync(file, 'utf8').matchAll(importPattern)]
        .map((match) => path.join(path.dirname(file), match[1] as string))
        .filter((target) => files.includes(target)),
    ]),
  );
}

/** The loops of a graph: one path round each loop found by a depth-first walk, as relative names. */
function loops(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const walk = (file: string, trail: string[]) => {
    const at = trail.indexOf(file);
    if (at >= 0) return void found.push([...trail.slice(at), file].map((f) => path.relative(root, f)));
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) walk(next, [...trail, file]);
    done.add(file);
  };
  for (const file of graph.keys()) walk(file, []);
  return found;
}

describe('import loops', () => {
  it('finds a loop where there is one', () => {
    const graph = new Map([
      ['/a', ['/b']],
      ['/b', ['/c']],
      ['/c', ['/a']],
    ]);
    expect(loops(graph)).toHaveLength(1);
  });

  it('services/: none, counting type imports', () => {
    expect(loops(importGraph('src-main/services'))).toEqual([]);
  });
});
