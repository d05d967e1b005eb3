import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyProgress, recordAttempt, saveProgress } from '../../src/cli/progress.js';
import { SCENARIOS } from '../helpers.js';
import { cli, cliWith } from './cli-helpers.js';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'firedrill-train-'));
const curriculumText = readFileSync(join(SCENARIOS, 'training', 'curriculum.yaml'), 'utf8');

/** Progress of a learner who passed the first scenario and failed the second. */
function someProgress(file: string): void {
  let p = recordAttempt(emptyProgress(), 'prompt-template-regression', { verdict: 'PASS', score: 92, recoverMs: 48_000, hintsUsed: 1, date: '2026-03-14' });
  p = recordAttempt(p, 'recommender-canary', { verdict: 'FAIL', score: 35, recoverMs: null, hintsUsed: 3, date: '2026-03-15' });
  saveProgress(file, p);
}

describe('firedrill train --list', () => {
  it('prints every level and scenario as not tried on a first run, and names the first as next', async () => {
    const file = join(fresh(), 'progress.json');
    const r = await cli('train', '--list', '--progress', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Training: 9 levels, 22 scenarios, 0 done\nprogress: .*progress\.json\n/);
    expect(r.stdout).toMatch(/^Level 1\. First steps: a rollback can take seconds\n {2}teaches: progressive-delivery\n {2}why: /m);
    expect(r.stdout).toMatch(/^ {2}next {2}prompt-template-regression +progressive-delivery, pinned-versions\n {8}not tried\n/m);
    expect(r.stdout).toMatch(/^ {8}agent-drop-table +rollback-safe-writes\n {8}not tried; no play can win it, finishing completes it\n/m);
    expect(r.stdout).toMatch(/^Left out\n {2}terraform-destroy-remote-state\n {4}The guarded counterpart/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Next: firedrill train prompt-template-regression');
    expect(existsSync(file)).toBe(false);
  });

  it('shows the best score, recovery time and date of what was tried, and moves next along', async () => {
    const file = join(fresh(), 'progress.json');
    someProgress(file);
    const r = await cli('train', '--list', '--progress', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/, 1 done\n/);
    expect(r.stdout).toMatch(/^ {2}done {2}prompt-template-regression .*\n {8}best 92\/100 PASS, recovered in 0:48, on 2026-03-14, 1 hint, 1 attempt\n/m);
    expect(r.stdout).toMatch(/^ {2}next {2}recommender-canary .*\n {8}best 35\/100 FAIL, never recovered, on 2026-03-15, 3 hints, 1 attempt\n/m);
    expect(r.stdout).toMatch(/Next: firedrill train recommender-canary\n$/);
  });

  it('prints the same as one JSON document with --json', async () => {
    const file = join(fresh(), 'progress.json');
    someProgress(file);
    const text = await cli('train', '--list', '--progress', file);
    const r = await cli('train', '--list', '--json', '--progress', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const view = JSON.parse(r.stdout);
    expect(view).toMatchObject({ progressFile: file, next: 'recommender-canary', done: 1, total: 22 });
    expect(view.levels.map((l: { title: string }, i: number) => `Level ${i + 1}. ${l.title}`)).toEqual(text.stdout.match(/^Level \d+\. .*$/gm));
    const entries = view.levels.flatMap((l: { scenarios: unknown[] }) => l.scenarios);
    expect(entries[0]).toMatchObject({
      id: 'prompt-template-regression',
      title: expect.stringContaining('Prompt template'),
      patterns: ['progressive-delivery', 'pinned-versions'],
      doneWhen: 'passed',
      done: true,
      next: false,
      attempts: 1,
      best: { verdict: 'PASS', score: 92, recoverMs: 48_000, date: '2026-03-14', hintsUsed: 1 },
    });
    expect(entries[2]).toMatchObject({ id: 'latency-spike', done: false, next: false, attempts: 0, best: null });
    expect(view.leftOut.map((l: { id: string }) => l.id)).toEqual(['terraform-destroy-remote-state', 'token-deletes-volume-least-privilege']);
  });

  it('reads progress from $XDG_STATE_HOME/firedrill/progress.json when no file is given', async () => {
    const state = fresh();
    someProgress(join(state, 'firedrill', 'progress.json'));
    const r = await cliWith({ env: { XDG_STATE_HOME: state } }, 'train', '--list', '--json');
    expect(JSON.parse(r.stdout)).toMatchObject({ progressFile: join(state, 'firedrill', 'progress.json'), done: 1 });
  });

  it('reports a corrupt progress file on one line of stderr, keeps it aside, and lists from scratch', async () => {
    const dir = fresh();
    const file = join(dir, 'progress.json');
    writeFileSync(file, 'not json');
    const r = await cli('train', '--list', '--progress', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^firedrill: progress file ${file} is not valid JSON .*; starting afresh, the old file is kept as ${file}\\.bad-1\\n$`));
    expect(r.stdout).toMatch(/, 0 done\n/);
    expect(readFileSync(`${file}.bad-1`, 'utf8')).toBe('not json');
  });
});

describe('firedrill train', () => {
  it('exits 2 off a terminal, pointing at --list', async () => {
    const r = await cli('train', '--progress', join(fresh(), 'p.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('firedrill train needs a terminal; use firedrill train --list\n');
  });

  it('exits 2 on usage errors, with the nearest scenario for a misspelt one', async () => {
    const misspelt = await cli('train', 'recommender-canry');
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toMatch(/did you mean 'recommender-canary'/);
    expect((await cli('train', '--json')).stderr).toMatch(/--json goes with --list\nUsage: firedrill train/);
    expect((await cli('train', '--list', 'recommender-canary')).code).toBe(2);
    expect((await cli('train', 'a', 'b')).code).toBe(2);
  });

  it('explains itself with --help and appears in the command list', async () => {
    const help = await cli('train', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: firedrill train \[SCENARIO\]/);
    expect(help.stdout).toMatch(/--progress FILE +where your progress is kept/);
    expect((await cli('help')).stdout).toMatch(/^ {2}train +guided training/m);
  });
});

describe('the curriculum file in firedrill validate and schema', () => {
  it('validates the built-in curriculum', async () => {
    const r = await cli('validate', join(SCENARIOS, 'training', 'curriculum.yaml'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/curriculum\.yaml \(curriculum\)\n$/);
  });

  it('exits 2 on a bad curriculum, naming file, line, column and field', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'training'));
    const file = join(dir, 'training', 'curriculum.yaml');
    const bad = curriculumText.replace('patterns: [business-triggers]', 'patterns: [business-trigger]');
    writeFileSync(file, bad);
    const line = bad.split('\n').findIndex((l) => l.includes('[business-trigger]')) + 1;
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${file}:${line}:16: levels[4].patterns[0]: unknown value 'business-trigger'; did you mean 'business-triggers'?\n`);
  });

  it('prints the committed JSON Schema with firedrill schema curriculum', async () => {
    const r = await cli('schema', 'curriculum');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(SCENARIOS, 'schema', 'curriculum.schema.json'), 'utf8'));
  });
});
