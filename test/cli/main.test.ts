import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/catalogue.js';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { cli, cliWith } from './cli-helpers.js';

describe('a mistyped command or option', () => {
  it('suggests the nearest command, in the words of every other unknown name, exit 2', async () => {
    const r = await cli('rn');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("firedrill: unknown command 'rn'; did you mean 'run'?\nfiredrill --help lists the commands and their options.\n");
    expect((await cli('scorecrd')).stderr).toMatch(/did you mean 'scorecard'\?/);
    expect((await cli('help', 'valdate')).stderr).toMatch(/^firedrill: unknown command 'valdate'; did you mean 'validate'\?/);
  });

  it('lists the commands when nothing is near', async () => {
    const r = await cli('explode');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^firedrill: unknown command 'explode' \(known: play, .*, run, .*, help, version\)/);
  });

  it('suggests the nearest option of that command, with its usage', async () => {
    const r = await cli('run', 'payment-schema-rollback', '--playbok', 'reference');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^firedrill: unknown option '--playbok'; did you mean '--playbook'\?\nUsage: firedrill run SCENARIO\|DIR\.\.\. --playbook FILE .*\n$/);
    expect((await cli('list', '--jsn')).stderr).toMatch(/unknown option '--jsn'; did you mean '--json'\?/);
    expect((await cli('--verison')).stderr).toMatch(/unknown option '--verison'; did you mean '--version'\?/);
  });
});

describe('help and version, as other tools answer them', () => {
  it('answers help COMMAND as COMMAND --help', async () => {
    for (const name of ['run', 'validate', 'completion']) {
      const help = await cli('help', name);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: firedrill ${name}`));
      expect(help.stdout).toBe((await cli(name, '--help')).stdout);
    }
    expect((await cli('help')).stdout).toBe((await cli('--help')).stdout);
  });

  it('answers version as --version, also after a command', async () => {
    const v = (await cli('--version')).stdout;
    expect(v).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect((await cli('version')).stdout).toBe(v);
    expect((await cli('list', '--version')).stdout).toBe(v);
  });

  it('lists every command in --help with the summary its own help shows', async () => {
    const top = (await cli('--help')).stdout;
    for (const entry of COMMANDS) {
      const def = await entry.load();
      expect(def.name).toBe(entry.name);
      expect(entry.summary).toBe(def.summary);
      expect(top).toContain(`  ${entry.name}`);
    }
  });

  it('fits help to a narrow terminal, the options\' text under its column', async () => {
    const r = await cliWith({ columns: 60 }, 'run', '--help');
    for (const line of r.stdout.split('\n')) if (!line.includes('firedrill ')) expect(line.length).toBeLessThanOrEqual(60);
    expect(r.stdout).toMatch(/^ {2}--seed N {10}one seed \(default 1\): same inputs and\n {20}seed, same report$/m);
  });
});

describe('colour', () => {
  const colouredIo = (out: (t: string) => void): Io => ({ out, err: () => {}, isTTY: true, errTTY: false, color: true, env: {} });

  it('is switched off by --no-color anywhere on the line, for any command', async () => {
    let coloured = '';
    await main(['validate', 'scenarios/model-drift.yaml'], colouredIo((t) => (coloured += t)));
    expect(coloured).toMatch(/\u001b\[32mok/);
    let plain = '';
    expect(await main(['validate', '--no-color', 'scenarios/model-drift.yaml'], colouredIo((t) => (plain += t)))).toBe(0);
    expect(plain).toMatch(/^ok {2}scenarios\/model-drift\.yaml/);
    let first = '';
    await main(['--no-color', 'validate', 'scenarios/model-drift.yaml'], colouredIo((t) => (first += t)));
    expect(first).toBe(plain);
  });
});
