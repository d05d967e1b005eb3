#!/usr/bin/env node
// The installed command: compiles the TypeScript sources on the fly, then hands over to main.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
