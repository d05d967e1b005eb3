import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finishJournal, journalHeader, openJournal } from '../../src/cli/journal.js';
import { resolvePlaybook, scenarioFromFile } from '../../src/cli/library.js';
import { WORLD_VERSION } from '../../src/core/world-version.js';
import { Session } from '../../src/drill/session.js';
import { JOURNAL_FORMAT_VERSION } from '../../src/formats/journal.js';
import { chainJournal, sha256 } from '../chained-journal.js';
import { SCENARIOS } from '../helpers.js';
import { cli } from './cli-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-journal-'));

async function record(name: string, scenario = join(SCENARIOS, 'batched-change-rollback.yaml'), playbook = 'sequential-config-rollback'): Promise<{ path: string; json: string }> {
  const path = join(dir, `${name}.journal`);
  const r = await cli('run', scenario, '--playbook', playbook, '--seed', '5', '--journal', path, '--json');
  expect(r.code).toBe(1);
  return { path, json: r.stdout };
}

/** A journal's lines, parsed. */
const linesOf = (path: string): Record<string, unknown>[] =>
  readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

function write(name: string, lines: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  return path;
}

/** Writes a journal whose digest chain holds, as firedrill would have written these lines. */
function writeChained(name: string, lines: object[]): string {
  const path = join(dir, name);
  writeFileSync(path, chainJournal(lines));
  return path;
}

/** Writes a journal's lines as format 2 wrote them: no digest chain. */
function writeFormat2(name: string, lines: Record<string, unknown>[]): string {
  const [header, ...rest] = lines;
  return write(name, [{ ...header, formatVersion: 2 }, ...rest.map(({ prev: _prev, journal: _journal, ...l }) => l)]);
}

/** Writes a journal's text with its lines (counted from 1) edited. */
function edit(name: string, text: string, change: (lines: string[]) => string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${change(text.split('\n').slice(0, -1)).join('\n')}\n`);
  return path;
}

/** The parts of a report a replay must reproduce: everything the drill itself came to. */
const outcome = (json: string) => {
  const { playbookRun: _run, ...rest } = JSON.parse(json);
  return rest;
};

describe('journals on disk', () => {
  it('record every command as it is submitted, and replay to the same drill, verified', async () => {
    const { path, json } = await record('full');
    const lines = linesOf(path);
    expect(lines[0]).toMatchObject({
      format: 'firedrill-journal',
      formatVersion: JOURNAL_FORMAT_VERSION,
      worldVersion: WORLD_VERSION,
      scenario: { id: 'batched-change-rollback' },
      seed: 5,
      mode: 'run',
      executor: 'automated',
      playbooks: [{ name: 'sequential-config-rollback', role: 'driver', digest: expect.stringMatching(/^sha256:/) }],
    });
    expect(lines.slice(1, -1).every((l) => l.kind === 'command' && l.by === 'playbook sequential-config-rollback')).toBe(true);
    expect(lines.slice(1, -1).map((l) => l.command)).toEqual(expect.arrayContaining(['rollback lb-routing', 'rollback conn-pool']));
    expect((lines.at(-1)!.end as { verdict: string }).verdict).toBe('FAIL');
    // Every line after the header holds the digest of the one before, the end line that of the whole.
    expect(readFileSync(path, 'utf8')).toBe(chainJournal(lines));
    const again = await cli('replay', path, '--verify', '--json');
    expect(again.stderr).toMatch(/the replay matches the recorded drill \(sha256:[0-9a-f]{64}\)/);
    expect(again.code).toBe(1);
    expect(outcome(again.stdout)).toEqual(outcome(json));
  });

  it('replay a journal cut mid-line up to its last whole line, and say where it stopped', async () => {
    const { path } = await record('cut');
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    const cut = join(dir, 'cut-short.journal');
    writeFileSync(cut, `${lines.slice(0, 3).join('\n')}\n${lines[3]!.slice(0, 15)}`);
    const r = await cli('replay', cut);
    expect(r.stderr).toBe(`firedrill: ${cut}: line 4 was cut short; replaying the 2 entries before it\n`);
    // The drill replayed as far as the first rollback, and no further.
    expect(r.stdout).toMatch(/^(PASS|FAIL) /m);
    expect(r.stdout).toContain('rollback lb-routing');
    expect(r.stdout).not.toContain('rollback conn-pool');
  });

  it('replay a journal written before the format had a version, as the playbook run it was, and refuse to verify it', async () => {
    const { path, json } = await record('v1');
    const [header, ...rest] = linesOf(path);
    const h = header as { firedrill: string; scenario: unknown; seed: number; playbooks: { name: string; digest: string }[]; watched: string[] };
    const v1 = write('v1-format.journal', [
      { firedrill: h.firedrill, scenario: h.scenario, seed: h.seed, playbook: { name: h.playbooks[0]!.name, digest: h.playbooks[0]!.digest }, watched: h.watched },
      ...rest.map((l) => (l.kind === 'command' ? { atMs: l.atMs, by: l.by, command: l.command } : { end: l.end })),
    ]);
    const shown = await cli('replay', v1, '--json');
    expect(shown.stderr).toMatch(/recorded in journal format 1, which records no world version \(firedrill \d+\.\d+\.\d+\); this firedrill verifies formats 2 and 3: replayed as this version plays it/);
    expect(shown.stderr).toContain(`firedrill: ${v1}: journal format 1 carries no digest chain: a change made to it after it was written cannot be detected\n`);
    expect(outcome(shown.stdout)).toEqual(outcome(json));
    const verified = await cli('replay', v1, '--verify');
    expect(verified.code).toBe(2);
    expect(verified.stderr).toMatch(/v1-format\.journal:1:1: formatVersion: recorded in journal format 1.*: it cannot be verified here; replay it without --verify to see it/);
  });

  it('refuse to verify a journal of another format or world version, saying which, and still show it', async () => {
    const { path, json } = await record('other');
    const [header, ...rest] = linesOf(path);
    const later = JOURNAL_FORMAT_VERSION + 1;
    const cases = [
      { name: 'format-later.journal', header: { ...header, formatVersion: later }, says: new RegExp(`formatVersion: recorded in journal format ${later} \\(firedrill [^)]+\\); this firedrill verifies formats 2 and 3`) },
      { name: 'world-0.journal', header: { ...header, worldVersion: WORLD_VERSION - 1 }, says: new RegExp(`worldVersion: recorded by world version ${WORLD_VERSION - 1} \\(firedrill [^)]+\\); this firedrill simulates world version ${WORLD_VERSION}`) },
    ];
    for (const c of cases) {
      const other = writeChained(c.name, [c.header, ...rest]);
      const verified = await cli('replay', other, '--verify');
      expect(verified.code, c.name).toBe(2);
      expect(verified.stderr, c.name).toMatch(c.says);
      expect(verified.stdout, c.name).toBe('');
      const shown = await cli('replay', other, '--json');
      expect(shown.code, c.name).toBe(1);
      expect(shown.stderr, c.name).toMatch(/replayed as this version plays it/);
      expect(outcome(shown.stdout), c.name).toEqual(outcome(json));
    }
  });

  it('refuse a journal that names an inject or a hint its scenario does not have, naming the line, even with its chain whole', async () => {
    const { path } = await record('bad-inject');
    const [header, first, ...rest] = linesOf(path);
    const bad = writeChained('bad-inject-line.journal', [header!, first!, { atMs: first!.atMs, kind: 'inject', by: 'facilitator', inject: 'meteor' }, ...rest]);
    const r = await cli('replay', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-inject-line\.journal:3:1: inject: inject 'meteor' is not one of batched-change-rollback's/);
    expect(r.stdout).toBe('');
  });

  it('refuse a command line the drill would have refused before it reached the world, such as an inject typed as a command', async () => {
    const { path } = await record('bad-command');
    const [header, first, ...rest] = linesOf(path);
    const forged = { atMs: first!.atMs, kind: 'command', by: 'facilitator', command: 'inject meteor' };
    const chained = writeChained('bad-command.journal', [header!, first!, forged, ...rest]);
    const r = await cli('replay', chained);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^.*bad-command\.journal:3:1: command: 'inject meteor' is refused before it reaches the world \(unknown command 'inject'.*\): a drill journals no such command\n/);
    expect(r.stdout).toBe('');
    // A journal of the first format kept injects as commands: one it cannot be is refused too.
    const h = header as { firedrill: string; scenario: unknown; seed: number; playbooks: { name: string; digest: string }[]; watched: string[] };
    const v1 = write('bad-command-v1.journal', [
      { firedrill: h.firedrill, scenario: h.scenario, seed: h.seed, playbook: { name: h.playbooks[0]!.name, digest: h.playbooks[0]!.digest }, watched: h.watched },
      { atMs: first!.atMs, by: 'playbook p', command: 'inject meteor' },
    ]);
    const old = await cli('replay', v1);
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/bad-command-v1\.journal:2:1: command: 'inject meteor' is refused before it reaches the world/);
  });

  it('refuse an entry at a time after the scenario\'s horizon, naming the line, even with its chain whole', async () => {
    const { path } = await record('late');
    const [header, ...rest] = linesOf(path);
    const horizonMs = scenarioFromFile(join(SCENARIOS, 'batched-change-rollback.yaml')).spec.horizonMs;
    const late = writeChained('late-entry.journal', [header!, ...rest.slice(0, -1), { atMs: horizonMs + 60_000, kind: 'command', by: 'playbook sequential-config-rollback', command: 'rollback conn-pool' }]);
    const r = await cli('replay', late);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/late-entry\.journal:5:1: atMs: at 2:01:00, after batched-change-rollback's horizon \(2:00:00\), where its drill ends: no drill records anything there/);
    expect(r.stdout).toBe('');
  });

  it('record a team drill with an inject, a hint, a note and the facilitator ending it, and verify its replay', async () => {
    const scenario = scenarioFromFile(join(SCENARIOS, 'latency-spike.yaml'));
    const path = join(dir, 'team.journal');
    const journal = openJournal(path, journalHeader(scenario, 2, { mode: 'team', executor: 'people', reference: resolvePlaybook('switch-to-standby') }));
    const session = new Session(scenario, 2, (e) => journal.append(e));
    session.advance(20_300);
    session.queueInject('flash-sale');
    session.advance(100_000);
    session.revealHint(0, 'facilitator');
    session.queue('inspect fraud-scorer', 'alice');
    session.advance(2_000);
    session.note('green is saturated', 'bob');
    session.advance(50_000);
    session.end('facilitator');
    finishJournal(journal, session);
    const lines = linesOf(path);
    expect(lines[0]).toMatchObject({ mode: 'team', executor: 'people', playbooks: [{ name: 'switch-to-standby', role: 'reference' }], watched: [] });
    expect(lines.slice(1, -1).map((l) => [l.kind, l.atMs])).toEqual([
      ['inject', 21_000],
      ['hint', 120_300],
      ['command', 121_000],
      ['note', 122_300],
      ['end', 172_300],
    ]);
    const r = await cli('replay', path, '--verify');
    expect(r.stderr).toMatch(/the replay matches the recorded drill/);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/team drill, seed 2/);
    expect(r.stdout).toMatch(/^FAIL /m);
    expect(r.stdout).toMatch(/facilitator ended the drill at 2:52, before it recovered/);
    expect(r.stdout).toMatch(/facilitator revealed hint 1:/);
    expect(r.stdout).toMatch(/bob: green is saturated/);
  });

  it('refuse to verify a journal whose drill did not run to its end', async () => {
    const { path } = await record('interrupted');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const open = join(dir, 'no-end.journal');
    writeFileSync(open, `${lines.slice(0, -1).join('\n')}\n`);
    const r = await cli('replay', open, '--verify');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no end line/);
  });

  it('refuse a scenario that changed since the journal was recorded', async () => {
    const scenario = join(dir, 'batched.yaml');
    copyFileSync(join(SCENARIOS, 'batched-change-rollback.yaml'), scenario);
    const { path } = await record('changed', scenario);
    writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('rps: 300', 'rps: 310'));
    const r = await cli('replay', path);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/changed\.journal:1:1: scenario\.digest: the journal was recorded against batched-change-rollback with digest sha256:/);
  });

  it('refuse a journal whose recorded result was changed, saying it was changed, not that firedrill has a bug', async () => {
    const { path } = await record('tampered');
    const text = readFileSync(path, 'utf8').replace(/"result":"sha256:[0-9a-f]+"/, `"result":"sha256:${'0'.repeat(64)}"`);
    const tampered = join(dir, 'tampered-end.journal');
    writeFileSync(tampered, text);
    const r = await cli('replay', tampered, '--verify');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tampered-end\.journal:5:1: the end line is not as it was written .*: the journal was changed after it was written, at its end line/);
    expect(r.stderr).not.toMatch(/bug/);
  });

  it('call a replay of an intact journal that comes to another result a bug (exit 3)', async () => {
    const { path } = await record('other-result');
    const lines = linesOf(path);
    const end = lines.at(-1)!.end as Record<string, unknown>;
    const other = writeChained('other-result.journal', [...lines.slice(0, -1), { end: { ...end, result: `sha256:${'0'.repeat(64)}` } }]);
    const r = await cli('replay', other, '--verify');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/This is a bug in firedrill/);
  });

  it('write the same bytes for the same drill and seed', async () => {
    const first = readFileSync((await record('same-1')).path, 'utf8');
    expect(readFileSync((await record('same-2')).path, 'utf8')).toBe(first);
  });

  it('records one drill only', async () => {
    const r = await cli('run', join(SCENARIOS, 'batched-change-rollback.yaml'), '--playbook', 'sequential-config-rollback', '--seeds', '3', '--journal', join(dir, 'x.journal'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--journal records one drill/);
  });
});

describe('a journal changed after it was written', () => {
  /** A recording whose lines a case below changes: header, three commands on lines 2 to 4, end line 5. */
  const recorded = (name: string) => record(name).then(({ path }) => readFileSync(path, 'utf8'));

  async function refused(path: string, says: string): Promise<void> {
    for (const args of [[path], [path, '--verify']]) {
      const r = await cli('replay', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toBe(`${path}:${says}\n`);
      expect(r.stdout, args.join(' ')).toBe('');
    }
  }

  it('is refused when a value in a command line was changed, naming the line', async () => {
    const text = await recorded('evidence-changed');
    const path = edit('changed-value.journal', text, (lines) => lines.map((l, i) => (i === 2 ? l.replace('"atMs":190000', '"atMs":191000') : l)));
    await refused(path, '3:1: line 3 is not the line that was written before line 4 (line 4 holds the digest of another): the journal was changed after it was written, at line 3 or by removing a line after it');
  });

  it('is refused when a line was removed', async () => {
    const text = await recorded('evidence-removed');
    const path = edit('removed.journal', text, (lines) => lines.filter((_, i) => i !== 2));
    await refused(path, '2:1: line 2 is not the line that was written before line 3 (line 3 holds the digest of another): the journal was changed after it was written, at line 2 or by removing a line after it');
  });

  it('is refused when a forged command line was inserted, even one holding the digest of the line before it', async () => {
    const text = await recorded('evidence-forged');
    const path = edit('forged.journal', text, (lines) => {
      const forged = JSON.stringify({ atMs: 200_000, kind: 'command', by: 'playbook sequential-config-rollback', command: 'rollback conn-pool', prev: sha256(`${lines[2]}\n`) });
      return [...lines.slice(0, 3), forged, ...lines.slice(3)];
    });
    await refused(path, '4:1: line 4 was inserted after the journal was written: line 5 holds the digest of line 3, the line written before it');
  });

  it('is refused when two lines were swapped', async () => {
    const text = await recorded('evidence-swapped');
    const path = edit('swapped.journal', text, (lines) => [lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)]);
    await refused(path, '2:1: line 2 is not a line of the journal as it was written: it was written after line 3, not after line 1: lines were moved; the journal was changed after it was written');
  });

  it('is refused when any byte of an entry line was changed, naming that line', async () => {
    const bytes = Buffer.from(await recorded('evidence-flipped'), 'utf8');
    const starts = [0];
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) starts.push(i + 1);
    // Lines 2 to 4 are the entries; line 5 the end line.
    const entryLines = starts.length - 3;
    const path = join(dir, 'flipped.journal');
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (pick, xor) => {
        const line = 2 + (pick % entryLines);
        const at = starts[line - 1]! + ((pick >> 4) % (starts[line]! - starts[line - 1]!));
        const changed = Buffer.from(bytes);
        changed[at] = changed[at]! ^ xor;
        writeFileSync(path, changed);
        const r = await cli('replay', path);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`^${path.replace(/[.]/g, '\\.')}:${line}:1: .*after (it|the journal) was written`));
      }),
      { numRuns: 40 },
    );
  });

  it('cannot be told from an unchanged one when it is of format 2, which has no chain: it replays and verifies, saying so', async () => {
    const { path, json } = await record('format-2');
    const old = writeFormat2('format-2.journal', linesOf(path));
    const r = await cli('replay', old, '--verify', '--json');
    expect(r.code).toBe(1);
    const { result } = linesOf(path).at(-1)!.end as { result: string };
    expect(r.stderr).toBe(
      `firedrill: ${old}: journal format 2 carries no digest chain: a change made to it after it was written cannot be detected\nfiredrill: the replay matches the recorded drill (${result})\n`,
    );
    expect(outcome(r.stdout)).toEqual(outcome(json));
  });
});
