import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCommand, completeCommand, helpIndex, parseCommand, verbHelp, type Command } from '../../src/core/command-line.js';
import { Drill } from '../../src/core/drill.js';
import { drillResult } from '../../src/core/result.js';
import type { World } from '../../src/core/world.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { ROOT, SCENARIOS } from '../helpers.js';

function drillOf(id: string, seed = 1): Drill {
  const file = join(SCENARIOS, `${id}.yaml`);
  return new Drill(loadScenario(readFileSync(file, 'utf8'), file).spec, seed);
}

const LAYERED = readFileSync(join(ROOT, 'test', 'fixtures', 'layered-world.yaml'), 'utf8');

/** The layered fixture (a model with dated versions and an alias, a config, a database) plus a rule that sends emails users can be written to about. */
function layered(): World {
  const text = LAYERED.replace(
    'rules:\n',
    'rules:\n  - { id: mails, when: { prompt: p3 }, effect: { sideEffects: [{ kind: emails, class: compensatable, perRequest: 0.1 }, { kind: payouts, class: irreversible, perRequest: 0.01 }] }, explain: p3 mails users }\n',
  );
  return new Drill(loadScenario(text, 'layered-world.yaml').spec, 1).world;
}

const payments = drillOf('payment-schema-rollback').world;

function parsed(text: string): Command {
  const cmd = parseCommand(text);
  if ('error' in cmd) throw new Error(cmd.error);
  return cmd;
}

const candidates = (world: World, line: string): string[] => completeCommand(world, line).candidates;

describe('completing a command line', () => {
  it('completes a verb at the first word, and says where the word starts', () => {
    expect(completeCommand(payments, 'rollb')).toEqual({ start: 0, candidates: ['rollback', 'rollback-release'] });
    expect(completeCommand(payments, 'help rest')).toEqual({ start: 5, candidates: ['restore'] });
  });

  it('completes a component from the world, replacing only the word being typed', () => {
    expect(completeCommand(payments, 'rollback pay')).toEqual({ start: 9, candidates: ['payment-api', 'payments-db'] });
    expect(completeCommand(payments, 'rollback payment-')).toEqual({ start: 9, candidates: ['payment-api'] });
  });

  it('offers the versions the component named really has', () => {
    expect(completeCommand(payments, 'rollback payment-api ')).toEqual({ start: 21, candidates: ['2.14', '2.15'] });
    expect(candidates(payments, 'rollback payment-api --to ')).toEqual(['2.14', '2.15']);
    expect(candidates(payments, 'rollback payment-api 2.1')).toEqual(['2.14', '2.15']);
  });

  it('offers a model’s registry versions and aliases, and only dated versions to pin', () => {
    const world = layered();
    expect(candidates(world, 'rollback llm ')).toEqual(['m-2025-01', 'm-2025-06', 'm-2025-09', 'm-latest']);
    expect(candidates(world, 'pin ')).toEqual(['llm']);
    expect(candidates(world, 'pin llm ')).toEqual(['m-2025-01', 'm-2025-06', 'm-2025-09']);
  });

  it('offers releases, databases and their schema versions', () => {
    expect(completeCommand(payments, 'rollback-release ')).toEqual({ start: 17, candidates: ['r41', 'r42'] });
    expect(candidates(payments, 'migrate ')).toEqual(['payments-db']);
    expect(candidates(payments, 'migrate payments-db ')).toEqual(['2.14', '2.15']);
  });

  it('offers option names for a word that starts with a dash, not those already given', () => {
    expect(completeCommand(payments, 'rollback-release --max')).toEqual({ start: 17, candidates: ['--max-surge', '--max-unavailable'] });
    expect(candidates(payments, 'rollback-release --max-surge 1 --')).toEqual(['--max-unavailable']);
    expect(candidates(payments, 'rollback payment-api --strategy=re')).toEqual(['--strategy=recreate']);
  });

  it('offers the options once every argument is given, leaving out one that excludes a given one', () => {
    expect(candidates(payments, 'restore payments-db ')).toEqual(['--from', '--pitr']);
    expect(candidates(payments, 'restore payments-db --pitr ')).toEqual([]);
  });

  it('offers only the backups that still exist for the database named', () => {
    const drill = drillOf('terraform-destroy');
    expect(candidates(drill.world, 'restore courses-db --from ')).toEqual(['automated-daily', 'provider-internal']);
    // The destroy takes the database's own snapshots with it.
    drill.advance(20 * 60_000);
    expect(drill.world.databases.get('courses-db')!.backups.find((b) => b.spec.id === 'automated-daily')!.destroyedBy).toBeDefined();
    expect(candidates(drill.world, 'restore courses-db --from ')).toEqual(['provider-internal']);
  });

  it('reads a flag as taking no value, so the next word is an argument to complete', () => {
    expect(candidates(payments, 'restore --pitr ')).toEqual(['payments-db']);
  });

  it('offers routes, tracks and deployments', () => {
    const world = drillOf('latency-spike').world;
    expect(candidates(world, 'switch ')).toEqual(['stable']);
    expect(candidates(world, 'switch stable ')).toEqual(['blue', 'main']);
    expect(candidates(world, 'scale ')).toEqual(['fraud-scorer']);
    expect(candidates(world, 'scale fraud-scorer 3 --track b')).toEqual(['blue']);
    expect(candidates(world, 'inspect ')).toEqual(['fraud-scorer', 'stable']);
  });

  it('offers flags, settings, agents, providers, datasets and literal choices', () => {
    const injection = drillOf('prompt-injection').world;
    expect(candidates(injection, 'flag ')).toEqual(['refund-tool']);
    expect(candidates(injection, 'flag refund-tool ')).toEqual(['off', 'on']);
    expect(candidates(injection, 'set ')).toEqual(['agent-prompt.guard', 'flags.refund-tool']);
    expect(candidates(drillOf('agent-drop-table').world, 'revoke ')).toEqual(['coding-agent']);
    expect(candidates(drillOf('silent-provider-update').world, 'escalate ')).toEqual(['openai']);
    expect(candidates(drillOf('mislabelled-training-data').world, 'retrain fraud-model --dataset ')).toEqual(['training-data']);
    expect(candidates(drillOf('recommender-canary').world, 'canary ')).toEqual(['abort', 'promote']);
    expect(candidates(payments, 'rollback payment-api --strategy ')).toEqual(['recreate', 'rolling']);
  });

  it('offers compensatable side effects only', () => {
    expect(candidates(layered(), 'compensate ')).toEqual(['emails']);
  });

  it('completes each change of an atomic group, a version after the =', () => {
    expect(candidates(payments, 'atomic payment-api=2.14 payments')).toEqual(['payments-db']);
    expect(candidates(payments, 'atomic payments-db=')).toEqual(['payments-db=2.14', 'payments-db=2.15']);
  });

  it('offers nothing inside free text, after an unknown verb, or past the last argument', () => {
    expect(candidates(payments, 'note rolled back pay')).toEqual([]);
    expect(candidates(payments, 'rolback pay')).toEqual([]);
    expect(candidates(payments, 'migrate payments-db 2.14 2')).toEqual([]);
  });
});

describe('checking a command against the world', () => {
  it('names the nearest valid name for a misspelt one', () => {
    expect(checkCommand(payments, parsed('rollback payment-ap'))).toBe("unknown component 'payment-ap'; did you mean 'payment-api'?");
    expect(checkCommand(payments, parsed('rollback-release r40'))).toBe("unknown release 'r40'; did you mean 'r41'?");
    expect(checkCommand(payments, parsed('restore payments-db --from nightli'))).toBe("unknown backup of payments-db 'nightli'; did you mean 'nightly'?");
    expect(checkCommand(payments, parsed('rolback payment-api'))).toBe("unknown command 'rolback'; did you mean 'rollback'?");
    expect(checkCommand(payments, parsed('restore payments-db --frm nightly'))).toMatch(/^restore has no option --frm; did you mean --from\?/);
  });

  it('checks a version against the component named in the same command', () => {
    expect(checkCommand(payments, parsed('rollback payment-api 2.16'))).toMatch(/^unknown version of payment-api '2\.16'; did you mean/);
    expect(checkCommand(payments, parsed('rollback payment-api --to 3.0'))).toMatch(/^unknown version of payment-api '3\.0'/);
    expect(checkCommand(payments, parsed('rollback payment-api 2.14'))).toBeUndefined();
    expect(checkCommand(layered(), parsed('pin llm m-latest'))).toBe("'m-latest' is a floating alias; pin a dated version (m-2025-01, m-2025-06, m-2025-09)");
  });

  it('names the kind a name has when it is the wrong kind of thing', () => {
    expect(checkCommand(payments, parsed('scale payments-db 3'))).toBe('payments-db is a database, not a deployment');
    expect(checkCommand(layered(), parsed('compensate payouts'))).toBe('payouts side effects are irreversible: nothing compensates them');
  });

  it('checks values, arity and options that exclude each other', () => {
    expect(checkCommand(payments, parsed('wait soon'))).toBe("SECONDS must be a duration (30, 30s, 2m or 1h), got 'soon'");
    expect(checkCommand(payments, parsed('rollback-release --max-unavailable lots'))).toBe("--max-unavailable must be a count or a percentage of the replicas, got 'lots'");
    expect(checkCommand(payments, parsed('fallback maybe'))).toBe("expected on or off, got 'maybe'");
    expect(checkCommand(payments, parsed('migrate payments-db'))).toMatch(/^migrate needs SCHEMA: the schema version to reach \(usage: migrate DATABASE SCHEMA\)$/);
    expect(checkCommand(payments, parsed('freeze now'))).toBe("freeze takes no arguments, not 'now' (usage: freeze)");
    expect(checkCommand(payments, parsed('restore payments-db --from nightly --pitr'))).toMatch(/^--from and --pitr cannot be given together/);
  });

  it('checks the verb’s own conditions: a restore needs something lost', () => {
    expect(checkCommand(payments, parsed('restore --pitr payments-db'))).toBe('payments-db has lost nothing to restore');
    expect(checkCommand(payments, parsed('canary 10'))).toBe('this system has no canary route');
  });

  it('accepts what the reference fix types', () => {
    expect(checkCommand(payments, parsed('rollback-release --max-unavailable 25%'))).toBeUndefined();
  });

  it('changes nothing in the world: a rejected command leaves the drill as if never typed', () => {
    const quiet = drillOf('payment-schema-rollback', 3);
    const typed = drillOf('payment-schema-rollback', 3);
    quiet.advance(150_000);
    typed.advance(150_000);
    for (const bad of ['rollback payment-api 2.16', 'restore --pitr payments-db', 'scale payments-db 3', 'rollback-release r40', 'wait soon']) {
      const record = typed.submit(parsed(bad), 'team');
      expect(record.status, bad).toBe('rejected');
      expect(record.reason, bad).toBe(checkCommand(typed.world, parsed(bad)));
    }
    expect(typed.actions.inFlight).toBe(0);
    quiet.advance(600_000);
    typed.advance(600_000);
    const { actions: _quiet, ...quietResult } = drillResult(quiet);
    const { actions: typedActions, reasons, ...typedResult } = drillResult(typed);
    // 'wait soon' fits no world (wait takes a duration): refused before the drill, it leaves no record at all.
    expect(typedActions.map((a) => [a.command, a.status])).toEqual([
      ['rollback payment-api 2.16', 'rejected'],
      ['restore payments-db --pitr', 'rejected'],
      ['scale payments-db 3', 'rejected'],
      ['rollback-release r40', 'rejected'],
    ]);
    // The report tells of each refusal the world made; nothing else about the drill differs.
    expect(reasons.filter((r) => r.includes(' was refused: ')).length).toBe(4);
    expect({ ...typedResult, reasons: reasons.filter((r) => !r.includes(' was refused: ')) }).toEqual(quietResult);
    expect(typed.world.log).toEqual(quiet.world.log);
  });
});

describe('help', () => {
  it('gives a verb’s usage, summary and the meaning of each argument and option', () => {
    const help = verbHelp('restore')!;
    expect(help.split('\n').slice(0, 2)).toEqual([
      'usage: restore DATABASE [--from BACKUP | --pitr]',
      'restore lost tables (or a deleted database) from a backup or a point in time; writes after the restore point are lost',
    ]);
    expect(help).toMatch(/^ {2}DATABASE {7}the database that lost tables, or was deleted$/m);
    expect(help).toMatch(/^ {2}--from BACKUP {2}the backup to restore/m);
    expect(help).toMatch(/^ {2}--pitr {9}restore to the moment before the loss/m);
    expect(verbHelp('ROLLBACK')).toMatch(/^usage: rollback COMPONENT \[VERSION\]/);
    expect(verbHelp('rolback')).toBeUndefined();
  });

  it('lists every verb with its usage and summary', () => {
    const index = helpIndex();
    expect(index.find((h) => h.name === 'rollback-release')).toEqual({
      name: 'rollback-release',
      usage: 'rollback-release [RELEASE] [--max-unavailable N|P%] [--max-surge N|P%]',
      summary: 'return every layer to a release (default: the one the live release replaced) as one unit: migrations, rollouts, then one atomic switch',
    });
    expect(index.map((h) => h.name)).toEqual([...new Set(index.map((h) => h.name))]);
  });
});
