import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * The import table of src-main/README.md, as lint rules. For each folder: the src-main folders it
 * may import (`may`), those it may import types from only (`types`), and whether it may use the
 * device drivers. Every folder may import `domain/`, except `domain/` itself, which imports none.
 */
const layers = {
  runtime: { may: [], types: [], drivers: false },
  domain: { may: [], types: [], drivers: false },
  store: { may: ['domain', 'runtime'], types: [], drivers: false },
  documents: { may: ['domain', 'runtime'], types: ['api'], drivers: true },
  devices: { may: ['domain', 'runtime'], types: ['store'], drivers: true },
  services: { may: ['domain', 'store', 'documents', 'runtime'], types: ['api', 'devices'], drivers: true },
  api: { may: ['domain', 'services'], types: ['store'], drivers: false },
  // The central service: PostgreSQL, the ingest and the national reports. Of the store it takes the
  // chain's hashes only (store/eventChain.ts), never a floor database.
  central: { may: ['domain', 'store', 'documents', 'runtime'], types: [], drivers: false },
  hub: {
    may: ['domain', 'api', 'services', 'store', 'devices', 'documents', 'runtime'],
    types: [],
    drivers: true,
  },
  station: {
    may: ['domain', 'api', 'services', 'store', 'devices', 'documents', 'runtime'],
    types: ['hub'],
    drivers: true,
  },
  cli: {
    may: [
      'domain',
      'store',
      'documents',
      'devices',
      'services',
      'api',
      'hub',
      'station',
      'central',
      'runtime',
    ],
    types: [],
    drivers: true,
  },
  electron: {
    may: ['domain', 'store', 'documents', 'devices', 'services', 'api', 'hub', 'station', 'runtime'],
    types: [],
    drivers: true,
  },
};
const folders = Object.keys(layers);

const onlyElectron = { name: 'electron', message: 'Only src-main/electron/ may import electron.' };
const escape = (text) => text.replace(/[.]/g, '\\.');

/** The `no-restricted-imports` options of a file `depth` folders below src-main/<folder>/ (1: its own files). */
function layerRestrictions(folder, depth) {
  const { may, types, drivers } = layers[folder];
  const up = escape('../'.repeat(depth));
  const table = `src-main/${folder}/ may import ${[...may, ...types.map((t) => `${t} types`)].join(', ') || 'nothing of src-main'}${drivers ? ', drivers' : ''} (src-main/README.md).`;
  const forbidden = folders.filter(
    (other) => other !== folder && !may.includes(other) && !types.includes(other),
  );
  const patterns = [];
  if (forbidden.length) patterns.push({ regex: `^${up}(${forbidden.join('|')})(/|$)`, message: table });
  if (types.length)
    patterns.push({ regex: `^${up}(${types.join('|')})(/|$)`, allowTypeImports: true, message: table });
  const outside = drivers ? ['src-renderer'] : ['drivers', 'src-renderer'];
  patterns.push({ regex: `^${up}\\.\\./(${outside.join('|')})(/|$)`, message: table });
  const paths = folder === 'electron' ? [] : [onlyElectron];
  if (folder === 'domain') {
    const pure = 'domain/ is pure: no Node module, nothing with I/O (a Clock is passed in).';
    paths.push(
      ...['better-sqlite3', 'fastify', 'ws', 'undici', 'serialport', 'node-hid', 'pdfkit', 'electron'].map(
        (name) => ({ name, message: pure }),
      ),
    );
    patterns.push({ regex: '^node:', message: pure }, ...nodeBareBuiltins(pure));
  }
  return { paths, patterns };
}

/** Node's modules by their bare names (`fs`, `fs/promises`), which need no `node:` prefix. */
function nodeBareBuiltins(message) {
  const names = builtinModules.filter((name) => !name.startsWith('_') && !name.startsWith('node:'));
  return [{ regex: `^(${names.map(escape).join('|')})$`, message, caseSensitive: true }];
}

const byDepth = (prefix, make) =>
  [1, 2, 3, 4].map((depth) => ({
    files: [`${prefix}/${'*/'.repeat(depth - 1)}*.{ts,tsx,js,mjs}`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', make(depth)] },
  }));

const layerRules = folders.flatMap((folder) =>
  byDepth(`src-main/${folder}`, (depth) => layerRestrictions(folder, depth)),
);

const rendererTable =
  'src-renderer/ may import from src-main only domain/, the types of api/ (the contract and its views) and documents/reportCharts.ts (the charts); no Node, no drivers (src-main/README.md).';
const rendererRules = byDepth('src-renderer', (depth) => {
  const up = escape('../'.repeat(depth));
  const others = folders.filter((folder) => folder !== 'domain' && folder !== 'api');
  return {
    paths: [onlyElectron],
    patterns: [
      // The reports' chart options are pure (no Node, no DOM): the console draws the same charts as the PDFs.
      {
        regex: `^${up}src-main/(?!documents/reportCharts\\.ts$)(${others.join('|')})(/|$)`,
        message: rendererTable,
      },
      { regex: `^${up}src-main/api(/|$)`, allowTypeImports: true, message: rendererTable },
      { regex: `^${up}(drivers)(/|$)`, message: rendererTable },
      { regex: '^node:', message: rendererTable },
      ...nodeBareBuiltins(rendererTable),
    ],
  };
});

/** The renderer runs in a browser window: Node's globals are not there (its tsconfig has the DOM's). */
const rendererGlobals = {
  files: ['src-renderer/**'],
  languageOptions: { globals: { ...globals.browser } },
  rules: {
    'no-restricted-globals': [
      'error',
      ...[
        'Buffer',
        'process',
        'global',
        'require',
        '__dirname',
        '__filename',
        'setImmediate',
        'clearImmediate',
      ].map((name) => ({ name, message: 'src-renderer/ runs in a browser window: no Node globals.' })),
    ],
  },
};

const driversTable = 'drivers/ know nothing of the domain: no imports from src-main/ or src-renderer/.';
const driverRules = byDepth('drivers', (depth) => ({
  paths: [onlyElectron],
  patterns: [{ regex: `^${escape('../'.repeat(depth))}(src-main|src-renderer)(/|$)`, message: driversTable }],
}));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'coverage/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [onlyElectron] }],
    },
  },
  {
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Each file gets one set of import restrictions: a later object's options replace an earlier one's.
  ...layerRules,
  ...rendererRules,
  rendererGlobals,
  ...driverRules,
  {
    // Domain rules are pure: the clock is passed in.
    files: ['src-main/domain/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass a Clock into domain code.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass a Clock into domain code.',
        },
      ],
    },
  },
);
