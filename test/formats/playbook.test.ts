import { describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../src/formats/playbook.js';
import { formatProblem, InputError } from '../../src/formats/source.js';

const playbook = (...runs: string[]): string => `name: p\ntriggers:\n  - alert: any\nsteps:\n${runs.map((r) => `  - run: ${r}\n`).join('')}`;

function problems(text: string): string[] {
  try {
    loadPlaybook(text, 'p.yaml');
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

describe('checking a playbook’s commands against the verbs’ declarations', () => {
  it('reads a flag before the argument as a flag, so the step runs on the database named', () => {
    const p = loadPlaybook(playbook('restore --pitr crm-db'), 'p.yaml');
    expect(p.steps[0]).toMatchObject({ kind: 'run', command: { verb: 'restore', args: ['crm-db'], options: { pitr: 'true' } } });
  });

  it('names what is wrong with each step, where it is', () => {
    expect(problems(playbook('restore crm-db --from', 'restore crm-db --pitr=now', 'freeze everything', 'migrate payments-db', 'wait soon', 'rollback-release --max-unavailable most'))).toEqual([
      'p.yaml:5:10: steps[0].run: restore: --from needs a value: BACKUP',
      'p.yaml:6:10: steps[1].run: restore: --pitr is a flag and takes no value',
      "p.yaml:7:10: steps[2].run: freeze takes no arguments, not 'everything' (usage: freeze)",
      'p.yaml:8:10: steps[3].run: migrate needs SCHEMA: the schema version to reach (usage: migrate DATABASE SCHEMA)',
      "p.yaml:9:10: steps[4].run: SECONDS must be a duration (30, 30s, 2m or 1h), got 'soon'",
      "p.yaml:10:10: steps[5].run: --max-unavailable must be a count or a percentage of the replicas, got 'most'",
    ]);
  });

  it('suggests the option meant', () => {
    expect(problems(playbook('restore crm-db --form nightly'))).toEqual([
      'p.yaml:5:10: steps[0].run: restore has no option --form; did you mean --from? (usage: restore DATABASE [--from BACKUP | --pitr])',
    ]);
  });

  it('leaves names to the scenario: a step may name what only the world knows', () => {
    expect(problems(playbook('rollback any-component 9.9', 'restore any-db --from any-backup'))).toEqual([]);
  });
});
