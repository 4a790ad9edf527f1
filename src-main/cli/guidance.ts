/**
 * What the `loket` command says beside an error: where to read more (one command's part of the
 * usage, not the whole of it) and, for a mistyped word, the word that was probably meant.
 */

/** The entries of the usage text that belong to one command (`loket station …`), with its header. */
export function usageOf(usage: string, command: string): string | null {
  const lines = usage.split('\n');
  const header = lines.slice(0, lines.indexOf('Usage:') + 1);
  const entries: string[] = [];
  let inside = false;
  for (const line of lines.slice(header.length)) {
    const entry = /^ {2}loket (\S+)/.exec(line);
    if (entry) inside = entry[1] === command;
    else if (!line.startsWith('    ')) inside = false;
    if (inside) entries.push(line);
  }
  if (!entries.length) return null;
  const environment = usage.slice(usage.indexOf('\nEnvironment:') + 1);
  return `${header.join('\n')}\n${entries.join('\n')}\n\n${environment}`;
}

/** The commands the usage text names, in its order. */
export function commandsOf(usage: string): string[] {
  const found = [...usage.matchAll(/^ {2}loket (\S+)/gm)].map((match) => match[1] as string);
  return [...new Set(found)];
}

/** The line that tells where to read more about a command (or about all of them). */
export function seeLine(command: string | null): string {
  return `Lihat / See: loket ${command ? `${command} --help` : 'help'}`;
}

/** The line that offers the probable word, or null when nothing is close enough. */
export function didYouMeanLine(
  word: string,
  candidates: readonly string[],
  shown = (c: string) => c,
): string | null {
  const best = closest(word, candidates);
  return best === null ? null : `Maksud Anda / Did you mean: ${shown(best)}?`;
}

/**
 * The candidate nearest to `word`: the one a slip of the keys (a letter missed, added, changed or
 * two swapped) makes it, within a third of its length, or the only one it begins.
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  const typed = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== null && bestDistance > 0 && bestDistance <= Math.max(1, Math.floor(best.length / 3)))
    return best;
  const begun = typed.length >= 3 ? candidates.filter((c) => c.toLowerCase().startsWith(typed)) : [];
  return begun.length === 1 ? (begun[0] as string) : null;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => (rows[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = value;
    }
  }
  return at(a.length, b.length);
}
