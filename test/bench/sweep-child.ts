import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

/**
 * Runs one firedrill command in a process of its own, printing nothing of it, then one line of
 * JSON: wall time, CPU time and peak resident memory of the whole process (every thread
 * included), and the exit code.
 * A separate process is the honest way to read peak memory: the parent's own heap stays out.
 */
const io: Io = { out: () => {}, err: () => {}, isTTY: false, errTTY: false, color: false, env: {} };
const start = performance.now();
const code = await main(process.argv.slice(2), io);
const ms = performance.now() - start;
const cpu = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, code, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
