import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultProgressPath,
  emptyProgress,
  loadProgress,
  markStarted,
  nextScenario,
  recordAttempt,
  saveProgress,
  type Outcome,
} from '../../src/cli/progress.js';
import { loadCurriculum } from '../../src/formats/curriculum.js';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'firedrill-progress-'));

const pass = (score: number, recoverMs: number | null, extra: Partial<Outcome> = {}): Outcome => ({ verdict: 'PASS', score, recoverMs, hintsUsed: 0, date: '2026-03-14', ...extra });
const fail = (score: number, extra: Partial<Outcome> = {}): Outcome => ({ verdict: 'FAIL', score, recoverMs: null, hintsUsed: 0, date: '2026-03-14', ...extra });

const curriculum = loadCurriculum(
  [
    'levels:',
    '  - { title: One, patterns: [progressive-delivery], why: first, scenarios: [a, b] }',
    '  - title: Two',
    '    patterns: [rollback-safe-writes]',
    '    why: last',
    '    scenarios: [c, { scenario: lost, doneWhen: finished }, d]',
  ].join('\n'),
  'c.yaml',
);

describe('where progress is kept', () => {
  it('is under $XDG_STATE_HOME when it is set, else ~/.local/state, never a relative folder', () => {
    expect(defaultProgressPath({ XDG_STATE_HOME: '/state' }, '/home/ada')).toBe('/state/firedrill/progress.json');
    expect(defaultProgressPath({}, '/home/ada')).toBe('/home/ada/.local/state/firedrill/progress.json');
    expect(defaultProgressPath({ XDG_STATE_HOME: '' }, '/home/ada')).toBe('/home/ada/.local/state/firedrill/progress.json');
    expect(defaultProgressPath({ XDG_STATE_HOME: 'state' }, '/home/ada')).toBe('/home/ada/.local/state/firedrill/progress.json');
  });
});

describe('reading and writing progress', () => {
  it('starts afresh, silently, when there is no file yet', () => {
    expect(loadProgress(join(fresh(), 'none', 'progress.json'))).toEqual({ progress: emptyProgress() });
  });

  it('reads back exactly what it wrote, with its format version, into a folder it creates', () => {
    const file = join(fresh(), 'deep', 'firedrill', 'progress.json');
    let p = recordAttempt(emptyProgress(), 'a', pass(88, 95_000, { hintsUsed: 2 }));
    p = markStarted(p, 'b');
    saveProgress(file, p);
    expect(JSON.parse(readFileSync(file, 'utf8')).formatVersion).toBe(1);
    expect(loadProgress(file)).toEqual({ progress: p });
  });

  it('leaves no temporary file behind and replaces the previous file whole', () => {
    const dir = fresh();
    const file = join(dir, 'progress.json');
    saveProgress(file, recordAttempt(emptyProgress(), 'a', fail(10)));
    const second = recordAttempt(emptyProgress(), 'b', pass(90, 60_000));
    saveProgress(file, second);
    expect(readdirSync(dir)).toEqual(['progress.json']);
    expect(loadProgress(file).progress).toEqual(second);
  });

  it('sets a corrupt file aside as progress.json.bad-N, says so in one line naming it, and starts afresh', () => {
    const dir = fresh();
    const file = join(dir, 'progress.json');
    writeFileSync(file, '{"formatVersion": 1, "scenarios": {');
    const first = loadProgress(file);
    expect(first.progress).toEqual(emptyProgress());
    expect(first.warning).toMatch(new RegExp(`^firedrill: progress file ${file} is not valid JSON \\(.+\\); starting afresh, the old file is kept as ${file}\\.bad-1$`));
    expect(first.warning).not.toContain('\n');
    expect(readFileSync(`${file}.bad-1`, 'utf8')).toBe('{"formatVersion": 1, "scenarios": {');
    writeFileSync(file, 'also broken');
    expect(loadProgress(file).warning).toMatch(/kept as .*progress\.json\.bad-2$/);
    expect(readdirSync(dir).sort()).toEqual(['progress.json.bad-1', 'progress.json.bad-2']);
  });

  it('sets aside a file of another format version rather than misreading it', () => {
    const file = join(fresh(), 'progress.json');
    writeFileSync(file, JSON.stringify({ formatVersion: 2, learners: {} }));
    const { progress, warning } = loadProgress(file);
    expect(progress).toEqual(emptyProgress());
    expect(warning).toMatch(/progress file .* has format version 2; this firedrill reads version 1; starting afresh, the old file is kept as .*\.bad-1$/);
    writeFileSync(file, JSON.stringify({ scenarios: {} }));
    expect(loadProgress(file).warning).toMatch(/has no formatVersion/);
  });

  it('sets aside a file of this version whose fields are wrong, naming the field', () => {
    const file = join(fresh(), 'progress.json');
    const p = recordAttempt(emptyProgress(), 'a', pass(70, 1000));
    writeFileSync(file, JSON.stringify({ ...p, scenarios: { a: { ...p.scenarios.a, attempts: -1 } } }));
    expect(loadProgress(file).warning).toMatch(/is not a progress file: scenarios\.a\.attempts: .*>=0/);
  });

  it('reports a path it cannot read as a file, without crashing', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'progress.json'));
    const { progress, warning } = loadProgress(join(dir, 'progress.json'));
    expect(progress).toEqual(emptyProgress());
    expect(warning).toMatch(/cannot read progress file .*progress\.json \(is a folder, not a file\); starting afresh$/);
  });

  it('never blocks on a FIFO where the progress file should be', () => {
    const dir = fresh();
    const fifo = join(dir, 'progress.json');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return;
    const { progress, warning } = loadProgress(fifo);
    expect(progress).toEqual(emptyProgress());
    expect(warning).toMatch(/is a FIFO|not a regular file/);
  });
});

describe('recording attempts', () => {
  it('counts attempts, keeps the last verdict and clears the unfinished mark', () => {
    let p = markStarted(emptyProgress(), 'a');
    p = recordAttempt(p, 'a', pass(80, 100_000));
    p = recordAttempt(p, 'a', fail(20));
    expect(p.scenarios.a).toMatchObject({ attempts: 2, lastVerdict: 'FAIL', inProgress: false });
  });

  it('keeps as best a pass over a fail, then the higher score, then the faster recovery, then fewer hints', () => {
    const best = (...outcomes: Outcome[]) => outcomes.reduce((p, o) => recordAttempt(p, 'a', o), emptyProgress()).scenarios.a!.best;
    expect(best(fail(95), pass(60, 200_000))).toMatchObject({ verdict: 'PASS', score: 60 });
    expect(best(pass(60, 200_000), fail(95))).toMatchObject({ verdict: 'PASS', score: 60 });
    expect(best(pass(70, 90_000), pass(85, 120_000, { date: '2026-03-20' }))).toEqual(pass(85, 120_000, { date: '2026-03-20' }));
    expect(best(pass(85, 120_000), pass(85, 90_000, { date: '2026-03-21' }))).toMatchObject({ recoverMs: 90_000, date: '2026-03-21' });
    expect(best(pass(85, 90_000, { hintsUsed: 3 }), pass(85, 90_000, { hintsUsed: 1, date: '2026-03-22' }))).toMatchObject({ hintsUsed: 1, date: '2026-03-22' });
    expect(best(fail(30, { recoverMs: null }), fail(30, { recoverMs: 400_000, date: '2026-03-23' }))).toMatchObject({ recoverMs: 400_000 });
    expect(best(pass(85, 90_000), pass(85, 90_000, { date: '2026-04-01' }))).toMatchObject({ date: '2026-03-14' });
  });

  it('counts a drill ended before there was a response to score as an attempt, never as the best run', () => {
    const unscored: Outcome = { verdict: 'FAIL', score: null, recoverMs: null, hintsUsed: 0, date: '2026-03-14' };
    const first = recordAttempt(markStarted(emptyProgress(), 'a'), 'a', unscored);
    expect(first.scenarios.a).toEqual({ attempts: 1, lastVerdict: 'FAIL', best: null, inProgress: false });
    const later = recordAttempt(recordAttempt(emptyProgress(), 'a', fail(20)), 'a', unscored);
    expect(later.scenarios.a).toMatchObject({ attempts: 2, best: { score: 20 } });
  });

  it('returns new progress and leaves the one it was given as it was', () => {
    const before = recordAttempt(emptyProgress(), 'a', fail(10));
    const copy = structuredClone(before);
    recordAttempt(markStarted(before, 'b'), 'a', pass(90, 1000));
    expect(before).toEqual(copy);
  });

  it('refuses an outcome it could not read back', () => {
    expect(() => recordAttempt(emptyProgress(), 'a', pass(120, 1000))).toThrow(/invalid outcome/);
    expect(() => recordAttempt(emptyProgress(), 'a', pass(50, 1000, { date: 'yesterday' }))).toThrow(/ISO date/);
  });

  it('keeps one drill unfinished at a time: starting another sets the first aside', () => {
    const p = markStarted(markStarted(emptyProgress(), 'a'), 'b');
    expect(p.scenarios.a!.inProgress).toBe(false);
    expect(p.scenarios.b!.inProgress).toBe(true);
  });
});

describe('the next scenario', () => {
  it('is the first of the curriculum on a first run', () => {
    expect(nextScenario(curriculum, emptyProgress())).toBe('a');
  });

  it('is the first not yet passed, in curriculum order, whatever was tried out of order', () => {
    let p = recordAttempt(emptyProgress(), 'a', pass(80, 60_000));
    p = recordAttempt(p, 'c', pass(80, 60_000));
    p = recordAttempt(p, 'b', fail(40));
    expect(nextScenario(curriculum, p)).toBe('b');
  });

  it('is the one left unfinished, even ahead of an earlier one not yet passed', () => {
    const p = markStarted(recordAttempt(emptyProgress(), 'a', pass(80, 60_000)), 'd');
    expect(nextScenario(curriculum, p)).toBe('d');
  });

  it('counts a scenario no play can win as done once finished, pass or not', () => {
    let p = emptyProgress();
    for (const id of ['a', 'b', 'c']) p = recordAttempt(p, id, pass(80, 60_000));
    expect(nextScenario(curriculum, p)).toBe('lost');
    p = recordAttempt(p, 'lost', fail(12));
    expect(nextScenario(curriculum, p)).toBe('d');
  });

  it('is undefined once every scenario is done, and ignores an unfinished one outside the curriculum', () => {
    let p = emptyProgress();
    for (const id of ['a', 'b', 'c', 'lost', 'd']) p = recordAttempt(p, id, pass(80, 60_000));
    expect(nextScenario(curriculum, p)).toBeUndefined();
    expect(nextScenario(curriculum, markStarted(p, 'elsewhere'))).toBeUndefined();
  });
});
