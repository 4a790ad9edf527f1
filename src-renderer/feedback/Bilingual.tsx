import type { Bilingual } from '../../src-main/domain/errors.ts';

/** Bahasa Indonesia first and large, English beneath: a public screen says both at once. */
export function Both({ text, className }: { text: Bilingual; className?: string }) {
  return (
    <span className={className ? `both ${className}` : 'both'}>
      <span lang="id">{text.id}</span>
      <span lang="en" className="en">
        {text.en}
      </span>
    </span>
  );
}
