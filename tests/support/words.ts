/**
 * The terms the words review replaced (issue 20, "Words and screens"), with what is said instead:
 * KBBI spelling, natural terms, refusals in words. Read by the source scan (tests/unit/words.test.ts)
 * and the rendered-text scan of every station UI (tests/e2e/words.test.ts).
 */
export const oldTerms: { term: RegExp; instead: string }[] = [
  { term: /antrian/i, instead: 'antrean (KBBI)' },
  { term: /jendela/i, instead: 'jadwal kedatangan' },
  { term: /Siaga \(terlambat\)/, instead: 'Terlambat' },
  { term: /\bGalat\b/, instead: 'Kesalahan' },
  { term: /Angka saya/, instead: 'Kinerja saya' },
  { term: /\bTerancam\b/, instead: 'Berisiko terlambat' },
  { term: /Data yang dikirim tidak valid/, instead: 'the field and its fault in words (api/inputIssues.ts)' },
];

/** The old terms a text carries, each with what to say instead. */
export function oldTermsIn(text: string): string[] {
  return oldTerms
    .filter(({ term }) => term.test(text))
    .map(({ term, instead }) => `${term} (use ${instead})`);
}
