import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/hub.ts';
import { oldTerms } from '../support/words.ts';

/**
 * The words every screen, ticket and refusal uses, in Bahasa Indonesia an office would print
 * (KBBI spelling, natural terms): no text shown to a citizen or an officer may carry a term the
 * review replaced. This test reads the sources' texts (comments left out); the browser test
 * tests/e2e/words.test.ts reads what each station UI renders.
 */

/** Names that are not shown text: the board's clip file `nomor-antrian.wav`. */
const notText = [/'nomor-antrian'/g];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** A source file's code without its comments (line and block), so a comment may name old terms. */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('the words of every screen, ticket and refusal', () => {
  const files = [
    ...sources(path.join(projectRoot, 'src-renderer')),
    ...sources(path.join(projectRoot, 'src-main')),
  ];

  it('reads the station UIs and the floor code', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('carries none of the replaced terms', () => {
    const found: string[] = [];
    for (const file of files) {
      let code = withoutComments(fs.readFileSync(file, 'utf8'));
      for (const name of notText) code = code.replace(name, '');
      for (const { term, instead } of oldTerms) {
        code.split('\n').forEach((line, i) => {
          if (term.test(line))
            found.push(`${path.relative(projectRoot, file)}:${i + 1}: "${line.trim()}" (use ${instead})`);
        });
      }
    }
    expect(found).toEqual([]);
  });
});
