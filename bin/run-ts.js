#!/usr/bin/env node
// Runs a TypeScript entry point (bench, scripts) through tsx: `node bin/run-ts.js FILE [args…]`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node bin/run-ts.js FILE.ts [args…]');
  process.exit(1);
}
process.argv = [process.argv[0], path.resolve(entry), ...rest];
register();
await import(pathToFileURL(path.resolve(entry)).href);
