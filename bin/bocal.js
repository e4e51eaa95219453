#!/usr/bin/env node
// The `bocal` command: loads the TypeScript sources through tsx, so the
// command and the playground always run the same code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
