import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../../src/core/actions/action.js';
import { VERBS } from '../../../src/core/actions/verbs.js';
import { parseCommand, type Command } from '../../../src/core/commands.js';
import { Drill } from '../../../src/core/drill.js';
import { loadScenario } from '../../../src/formats/scenario.js';
import { ROOT, scenario } from '../../helpers.js';

const LAYERED = loadScenario(readFileSync(join(ROOT, 'test', 'fixtures', 'layered-world.yaml'), 'utf8'), 'layered-world.yaml').spec;

function parsed(text: string): Command {
  const cmd = parseCommand(text);
  if ('error' in cmd) throw new Error(cmd.error);
  return cmd;
}

/** Submits a command and runs the world until it has finished. */
function perform(drill: Drill, text: string): ActionRecord {
  const record = drill.submit(parsed(text), 'team');
  const until = drill.now + 30 * 60_000;
  while (record.status === 'running' && !drill.done && drill.now < until) drill.advance(1000);
  return record;
}

function payments(): Drill {
  const drill = new Drill(scenario('payment-schema-rollback').spec, 1);
  drill.advance(5_000);
  return drill;
}

describe('rollback COMPONENT without a version', () => {
  it('goes one release further back, and a second one never returns to the bad version it left', () => {
    const drill = payments();
    const first = perform(drill, 'rollback payment-api --max-unavailable 25%');
    expect(first.text).toBe('rollback payment-api --max-unavailable 25%');
    expect(drill.world.versionOf('payment-api')).toBe('2.14');
    const second = perform(drill, 'rollback payment-api');
    expect(second.status).toBe('rejected');
    expect(second.reason).toBe(
      'no version of payment-api before 2.14 to roll back to: it has run 2.14, then 2.15, and 2.14 came first; name the version to go to (rollback payment-api VERSION)',
    );
    expect(drill.world.versionOf('payment-api')).toBe('2.14');
  });

  it('walks back the order versions first ran in, one step at a time', () => {
    const drill = new Drill(LAYERED, 1);
    expect(perform(drill, 'deploy api 1.2').status).toBe('done');
    expect(perform(drill, 'rollback api').status).toBe('done');
    expect(drill.world.versionOf('api')).toBe('1.1');
    expect(perform(drill, 'rollback api').status).toBe('done');
    expect(drill.world.versionOf('api')).toBe('1.0');
    expect(perform(drill, 'rollback api').reason).toMatch(/^no version of api before 1\.0 to roll back to: it has run 1\.0, then 1\.1, then 1\.2/);
  });

  it('takes a version first run after a rollback back to what it replaced then, not to the version rolled back from', () => {
    const drill = new Drill(LAYERED, 1);
    perform(drill, 'rollback prompt');
    expect(drill.world.versionOf('prompt')).toBe('p1');
    perform(drill, 'deploy prompt p3');
    perform(drill, 'rollback prompt');
    expect(drill.world.versionOf('prompt')).toBe('p1');
  });

  it('walks a database back through its schemas the same way', () => {
    const drill = new Drill(LAYERED, 1);
    expect(perform(drill, 'migrate db 3').status).toBe('done');
    expect(perform(drill, 'rollback db').status).toBe('done');
    expect(drill.world.versionOf('db')).toBe('2');
    expect(perform(drill, 'rollback db').status).toBe('done');
    expect(drill.world.versionOf('db')).toBe('1');
  });

  it('says where it will go before it runs, and in help for every component', () => {
    const drill = payments();
    const rollback = VERBS.get('rollback')!;
    expect(rollback.picks!(drill.world, parsed('rollback payment-api'))).toBe('payment-api to 2.14 (the version 2.15 replaced)');
    expect(rollback.picks!(drill.world, parsed('rollback payment-api 2.14'))).toBeUndefined();
    expect(rollback.picksNow!(drill.world)).toEqual(['rollback payment-api: to 2.14 (the version 2.15 replaced)', 'rollback payments-db: to 2.14 (the version 2.15 replaced)']);
    perform(drill, 'rollback payment-api --max-unavailable 25%');
    expect(rollback.picks!(drill.world, parsed('rollback payment-api'))).toMatch(/^payment-api refused: no version of payment-api before 2\.14/);
  });
});

describe('atomic without versions', () => {
  it('takes each component one release further back, as rollback does', () => {
    const drill = new Drill(LAYERED, 1);
    perform(drill, 'deploy prompt p3');
    expect(VERBS.get('atomic')!.picks!(drill.world, parsed('atomic prompt embedder=e1'))).toBe('prompt to p2 (the version p3 replaced)');
    expect(perform(drill, 'atomic prompt embedder=e1').status).toBe('done');
    expect(drill.world.versionOf('prompt')).toBe('p2');
    expect(perform(drill, 'atomic prompt embedder').reason).toMatch(/^no version of embedder before e1 to roll back to/);
  });
});

describe('rollback-release without a release', () => {
  it('goes to the release the live one replaced, and a second one refuses rather than return to it', () => {
    const drill = payments();
    expect(VERBS.get('rollback-release')!.picks!(drill.world, parsed('rollback-release'))).toBe('to r41 (the release r42 replaced)');
    const first = perform(drill, 'rollback-release --max-unavailable 25%');
    expect(first.status).toBe('done');
    expect(drill.world.currentRelease()).toBe('r41');
    const second = perform(drill, 'rollback-release');
    expect(second.status).toBe('rejected');
    expect(second.reason).toBe('no release before r41 to roll back to: this system has run r41, then r42, and r41 came first; name the release to go to (rollback-release RELEASE)');
  });

  it('goes back from a release deployed during the drill to the one it replaced', () => {
    const drill = new Drill(LAYERED, 1);
    expect(perform(drill, 'deploy-release r3').status).toBe('done');
    expect(perform(drill, 'rollback-release').status).toBe('done');
    expect(drill.world.currentRelease()).toBe('r2');
    expect(perform(drill, 'rollback-release').status).toBe('done');
    expect(drill.world.currentRelease()).toBe('r1');
  });
});
