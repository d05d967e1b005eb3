import { closeSync, mkdtempSync, openSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinScenarioIds } from '../../src/cli/library.js';
import { MAX_FILE_BYTES } from '../../src/formats/source.js';
import { SCENARIOS } from '../helpers.js';
import { cli, type CliResult } from './cli-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-edges-'));
const base = readFileSync(join(SCENARIOS, 'payment-schema-rollback.yaml'), 'utf8');

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Changes one piece of the base scenario; fails the test if the piece is not there. */
function edited(from: string, to: string): string {
  expect(base).toContain(from);
  return base.replace(from, to);
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/**
 * Runs the command and checks the contract for bad input: exit 2 (never a hang: the bound here
 * is far above the second `npm run bench` measures, so a loaded machine does not fail it), every
 * line on stderr of the form FILE:LINE:COLUMN: [FIELD: ]message, no stack trace, nothing on stdout.
 */
const HANG_MS = 10_000;

async function refused(path: string, ...argv: string[]): Promise<CliResult> {
  const started = performance.now();
  const r = await cli(...(argv.length > 0 ? argv : ['validate', path]));
  expect(performance.now() - started, 'milliseconds').toBeLessThan(HANG_MS);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line.startsWith(`${path}:`) && /^.+:\d+:\d+: \S/.test(line), line).toBe(true);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error|TypeError|RangeError/);
  return r;
}

describe('bad input ends in exit 2 naming file, line, column and field, promptly', () => {
  it('malformed YAML: points at the line of the syntax error', async () => {
    const text = edited('rps: 300', 'rps: [300');
    const path = file('malformed.yaml', text);
    const r = await refused(path);
    expect(r.stderr).toMatch(new RegExp(`^${path}:\\d+:\\d+: `));
  });

  it('wrong types: names the field, what was expected and what was found', async () => {
    const text = edited('replicas: 200', 'replicas: lots');
    const path = file('wrong-type.yaml', text);
    const r = await refused(path);
    expect(r.stderr).toBe(`${path}:${lineOf(text, 'replicas: lots')}:17: components.payment-api.deployment.replicas: expected number, received string\n`);
  });

  it('unknown fields: names the field where it stands', async () => {
    const text = edited('  rps: 300\n', '  rps: 300\n  burst: 20\n');
    const path = file('unknown-field.yaml', text);
    const r = await refused(path);
    expect(r.stderr).toBe(`${path}:${lineOf(text, 'burst: 20')}:3: traffic.burst: unknown field 'burst'\n`);
  });

  it('missing references: a release, registry or version the file does not define, even one every object has', async () => {
    for (const [from, to, message] of [
      ['initial: r42', 'initial: r420', /initial: unknown release 'r420'; did you mean 'r42'\?/],
      ['initial: r42', 'initial: constructor', /initial: unknown release 'constructor' \(known: r41, r42\)/],
      ['    kind: deployment\n', '    kind: model\n    registry: toString\n', /components\.payment-api\.registry: unknown registry 'toString' \(there are none\)/],
      ['history: [r41]', 'history: [r41]\nfaults:\n  - at: 1m\n    retire: { registry: openai, version: gpt-4o }', /faults\[0\]\.retire\.registry: unknown registry 'openai'/],
    ] as const) {
      const path = file('missing-reference.yaml', edited(from, to));
      const r = await refused(path);
      expect(r.stderr).toMatch(message);
    }
  });

  it('duplicate ids: a rule id used twice, and a key written twice', async () => {
    const rule = '  - id: npe-saved-cards\n    when: { payment-api: "2.15" }';
    const twice = edited('rules:\n', `rules:\n${rule}\n    effect: { errorRate: 0.1 }\n    explain: the same id again\n`);
    const path = file('duplicate-id.yaml', twice);
    const r = await refused(path);
    const second = twice.split('\n').findIndex((l, i) => i > lineOf(twice, 'npe-saved-cards') - 1 && l.includes('npe-saved-cards')) + 1;
    expect(r.stderr).toBe(`${path}:${second}:9: rules[1].id: duplicate rule id 'npe-saved-cards': rules[0] has it already\n`);

    const keys = edited('target: 5m\n', 'target: 5m\ntarget: 10m\n');
    const keyPath = file('duplicate-key.yaml', keys);
    const k = await refused(keyPath);
    expect(k.stderr).toBe(`${keyPath}:${lineOf(keys, 'target: 10m')}:1: duplicate key 'target' (first at line ${lineOf(keys, 'target: 5m')}, column 1)\n`);
  });

  it('empty files: a file with nothing, or only blanks and comments', async () => {
    for (const content of ['', '\n\n   \n', '# just a comment\n']) {
      const path = file('empty.yaml', content);
      const r = await refused(path);
      expect(r.stderr).toMatch(/: (file is empty: expected a YAML mapping|expected a YAML mapping at the top of the file)\n$/);
    }
  });

  it('binary files: says it is not YAML', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const path = file('image.yaml', png);
    const r = await refused(path);
    expect(r.stderr).toBe(`${path}:1:1: this is a binary file, not YAML\n`);
  });

  it('a 50 MB file: refused by its size before it is read', async () => {
    const path = join(dir, 'huge.yaml');
    closeSync(openSync(path, 'w'));
    truncateSync(path, 50 * 1024 * 1024);
    const r = await refused(path);
    expect(r.stderr).toBe(`${path}:1:1: file is ${50 * 1024 * 1024} bytes; scenarios and playbooks are limited to ${MAX_FILE_BYTES} bytes\n`);
    const run = await refused(path, 'run', path, '--playbook', 'code-only-rollback');
    expect(run.stderr).toBe(r.stderr);
  });

  it('the largest file the limit lets through, built to be slow, is still answered', async () => {
    let text = 'id: x\nlayers: [';
    while (text.length < MAX_FILE_BYTES - 16) text += '1,';
    const path = file('wide.yaml', `${text}1]\n`);
    await refused(path);
  });

  it('deep nesting: refused past the limit, in flow and in block style', async () => {
    for (const content of [`a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, Array.from({ length: 80 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n']) {
      const path = file('deep.yaml', content);
      const r = await refused(path);
      expect(r.stderr).toMatch(/nesting is too deep \(more than 64 levels of mappings and lists\)/);
    }
  });

  it('YAML alias bombs: refused past the alias limit', async () => {
    const letters = 'abcdefghij';
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < letters.length; i++) lines.push(`${letters[i]}: &${letters[i]} [${Array(10).fill(`*${letters[i - 1]}`).join(', ')}]`);
    const path = file('bomb.yaml', `${lines.join('\n')}\n`);
    const r = await refused(path);
    expect(r.stderr).toMatch(/more than 100 alias expansions/);
  });

  it('a duration too long to be a number: refused naming the limit, never read as Infinity', async () => {
    const text = edited('target: 5m', `target: ${'9'.repeat(400)}s`);
    const path = file('infinite-target.yaml', text);
    const r = await refused(path);
    expect(r.stderr).toMatch(new RegExp(`^${path}:${lineOf(text, 'target:')}:9: target: expected a duration of at most 30d \\(the limit\\)`));
    const run = await refused(path, 'run', path, '--playbook', 'code-only-rollback');
    expect(run.stderr).toBe(r.stderr);
  });

  it('a fault due after the horizon: refused, where the drill would have waited for it forever', async () => {
    const spike = readFileSync(join(SCENARIOS, 'transient-spike.yaml'), 'utf8');
    const path = file('late-fault.yaml', spike.replace('  - at: 5m\n', '  - at: 3h\n'));
    const r = await refused(path);
    expect(r.stderr).toMatch(/faults\[0\]\.at: the fault is due at 3h, at or after the horizon \(2h\)/);
  });

  it('a playbook whose aliases expand to a quarter of a million steps: refused', async () => {
    const path = file('amplified.yaml', `name: p\ntriggers:\n  - alert: any\nsteps:\n  - parallel: &a [${Array(2500).fill('{wait: 1}').join(', ')}]\n${Array(99).fill('  - parallel: *a').join('\n')}\n`);
    const r = await refused(path);
    expect(r.stderr).toMatch(/:7:15: the file holds more than \d+ values once its aliases are expanded \(the limit\)/);
  });

  it('a playbook whose onFail refers to itself through an anchor: exit 2 at the alias, not a stack overflow', async () => {
    const path = file('cycle.yaml', 'name: p\ntriggers:\n  - alert: any\nsteps:\n  - &s\n    run: freeze\n    onFail: [*s]\n');
    const r = await refused(path, 'run', 'payment-schema-rollback', '--playbook', path);
    expect(r.stderr).toBe(`${path}:7:14: alias *s refers to a node that contains it: reading it would never end\n`);
  });

  it('a missing file or a loop of symbolic links: says so, rather than calling it an unknown scenario', async () => {
    const missing = join(dir, 'missing.yaml');
    const r = await refused(missing, 'run', missing, '--playbook', 'code-only-rollback');
    expect(r.stderr).toBe(`${missing}:1:1: no such file, nor a built-in scenario of that name (unknown scenario 'missing' (known: ${builtinScenarioIds().join(', ')}))\n`);
    const folder = join(dir, 'drills') + '/';
    expect((await refused(folder, 'run', folder, '--playbook', 'code-only-rollback')).stderr).toBe(`${folder}:1:1: no such folder\n`);
    const loop = join(dir, 'loop');
    symlinkSync(loop, loop);
    const l = await refused(loop, 'run', loop, '--playbook', 'code-only-rollback');
    expect(l.stderr).toBe(`${loop}:1:1: a loop of symbolic links: it leads to no file\n`);
    const playbook = join(dir, 'no-playbook.yaml');
    const p = await refused(playbook, 'run', 'payment-schema-rollback', '--playbook', playbook);
    expect(p.stderr).toMatch(new RegExp(`^${playbook}:1:1: no such file, nor a built-in playbook of that name \\(unknown playbook 'no-playbook'`));
  });

  it('a bad playbook: names the step and the command it does not know', async () => {
    const path = file('playbook.yaml', 'name: p\ntriggers:\n  - alert: any\nsteps:\n  - run: rolback payment-api\n  - wait: soon\n');
    const r = await refused(path, 'run', 'payment-schema-rollback', '--playbook', path);
    expect(r.stderr).toContain(`${path}:5:10: steps[0].run: unknown command 'rolback'; did you mean 'rollback'?`);
    expect(r.stderr).toMatch(/:6:11: steps\[1\]\.wait: expected a duration/);
  });
});

describe('a drill always ends', () => {
  it('at a horizon that is not a whole number of seconds, with its verdict', async () => {
    for (const horizon of ['7200999', '1.333h']) {
      const path = file('odd-horizon.yaml', edited('horizon: 2h', `horizon: ${horizon}`));
      const r = await cli('run', path, '--playbook', 'code-only-rollback', '--json');
      expect(r.code, r.stderr).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'FAIL', endReason: 'horizon', recoverMs: null });
    }
  });
});
