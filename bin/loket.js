#!/usr/bin/env node
// The `loket` command. TypeScript sources run through tsx, so `npx loket …` works right after
// `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/cli/main.ts');
