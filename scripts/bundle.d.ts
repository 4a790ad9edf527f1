import type { Message } from 'esbuild';

/** Bundles the desktop app into `out` (scripts/bundle.js); answers esbuild's warnings. */
export function bundleDesktop(root: string, out: string): Promise<Message[]>;
