// The desktop app's bundles in dist-electron/: the main process (ES module), the preload (CommonJS,
// as Electron's sandboxed preloads must be) and the simulator's worker threads, which the main
// bundle starts from beside itself (`new URL('./replicationWorker.mjs', import.meta.url)`).
// Used by `npm start` (scripts/start.js) and `npm run dist` (scripts/dist.js); a test bundles it
// too and fails on any warning (tests/unit/electron/bundle.test.ts).
import path from 'node:path';
import { build } from 'esbuild';

/** pdfkit reads its fonts' metrics from its own folder at run time, and exceljs requires Node's
 * modules at run time, which an ES module bundle cannot: they stay packages, like the addons. */
const external = ['electron', 'better-sqlite3', 'fastify', 'ws', 'pdfkit', 'exceljs'];

/** Bundles into `out`; answers esbuild's warnings (none expected). */
export async function bundleDesktop(root, out) {
  const warnings = [];
  const common = { bundle: true, platform: 'node', logLevel: 'silent' };
  const esm = { ...common, format: 'esm', target: 'node22', external };
  const results = await Promise.all([
    build({
      ...esm,
      entryPoints: { main: path.join(root, 'src-main/electron/entry.ts') },
      outdir: out,
      outExtension: { '.js': '.mjs' },
    }),
    build({
      ...esm,
      entryPoints: {
        replicationWorker: path.join(root, 'src-main/services/simulation/replicationWorker.ts'),
        quotaPlannerWorker: path.join(root, 'src-main/services/simulation/quotaPlannerWorker.ts'),
      },
      outdir: out,
      outExtension: { '.js': '.mjs' },
    }),
    build({
      ...common,
      entryPoints: [path.join(root, 'src-main/electron/preload.ts')],
      outfile: path.join(out, 'preload.cjs'),
      // The preload imports the contract (and so zod) to derive its operations; minified it is ~0.5 MB.
      minify: true,
      format: 'cjs',
      external: ['electron'],
    }),
  ]);
  for (const result of results) warnings.push(...result.warnings);
  return warnings;
}
