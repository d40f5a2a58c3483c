#!/usr/bin/env node
// Entry point of `stance-lens`: lets Node load the TypeScript sources through tsx,
// then runs the CLI (src/cli/main.ts) on this process's arguments.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
await run(process.argv.slice(2));
