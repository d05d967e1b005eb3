import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishJournal, journalHeader, openJournal } from '../../src/cli/journal.js';
import { resolvePlaybook, scenarioFromFile } from '../../src/cli/library.js';
import { WORLD_VERSION } from '../../src/core/world-version.js';
import { Session } from '../../src/drill/session.js';
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
      formatVersion: 2,
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
    expect(r.stderr).toMatch(/cut-short\.journal: line 4 was cut short; replaying the 2 entries before it/);
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
      ...rest.map((l) => (l.kind === 'command' ? { atMs: l.atMs, by: l.by, command: l.command } : l)),
    ]);
    const shown = await cli('replay', v1, '--json');
    expect(shown.stderr).toMatch(/recorded in journal format 1, which records no world version \(firedrill \d+\.\d+\.\d+\); this firedrill verifies format 2: replayed as this version plays it/);
    expect(outcome(shown.stdout)).toEqual(outcome(json));
    const verified = await cli('replay', v1, '--verify');
    expect(verified.code).toBe(2);
    expect(verified.stderr).toMatch(/v1-format\.journal:1:1: formatVersion: recorded in journal format 1.*: it cannot be verified here; replay it without --verify to see it/);
  });

  it('refuse to verify a journal of another format or world version, saying which, and still show it', async () => {
    const { path, json } = await record('other');
    const [header, ...rest] = linesOf(path);
    const cases = [
      { name: 'format-3.journal', header: { ...header, formatVersion: 3 }, says: /formatVersion: recorded in journal format 3 \(firedrill [^)]+\); this firedrill verifies format 2/ },
      { name: 'world-0.journal', header: { ...header, worldVersion: WORLD_VERSION - 1 }, says: new RegExp(`worldVersion: recorded by world version ${WORLD_VERSION - 1} \\(firedrill [^)]+\\); this firedrill simulates world version ${WORLD_VERSION}`) },
    ];
    for (const c of cases) {
      const other = write(c.name, [c.header, ...rest]);
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

  it('refuse a journal that names an inject or a hint its scenario does not have, naming the line', async () => {
    const { path } = await record('bad-inject');
    const [header, first, ...rest] = linesOf(path);
    const bad = write('bad-inject-line.journal', [header, first, { atMs: first!.atMs, kind: 'inject', by: 'facilitator', inject: 'meteor' }, ...rest]);
    const r = await cli('replay', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-inject-line\.journal:3:1: inject: inject 'meteor' is not one of batched-change-rollback's/);
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

  it('call a replay that comes to another result a bug (exit 3)', async () => {
    const { path } = await record('tampered');
    const text = readFileSync(path, 'utf8').replace(/"result":"sha256:[0-9a-f]+"/, `"result":"sha256:${'0'.repeat(64)}"`);
    const tampered = join(dir, 'tampered-end.journal');
    writeFileSync(tampered, text);
    const r = await cli('replay', tampered, '--verify');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/This is a bug in firedrill/);
  });

  it('records one drill only', async () => {
    const r = await cli('run', join(SCENARIOS, 'batched-change-rollback.yaml'), '--playbook', 'sequential-config-rollback', '--seeds', '3', '--journal', join(dir, 'x.journal'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--journal records one drill/);
  });
});
