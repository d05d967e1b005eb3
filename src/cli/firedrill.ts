#!/usr/bin/env node
// The installed command: compiled to dist/cli/firedrill.js, it loads only what the command needs.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
