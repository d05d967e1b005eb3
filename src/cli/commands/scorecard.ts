import { join } from 'node:path';
import { formatClock } from '../../core/monitors.js';
import type { DrillResult } from '../../core/result.js';
import { drillPlaybook } from '../../drill/playbook-runner.js';
import { paint, type Io } from '../io.js';
import { builtinScenarios, playbookFromFile, PLAYBOOK_DIR } from '../library.js';
import { intOption, type CommandDef } from './command.js';

function cell(r: DrillResult): string {
  if (r.impactStartMs === null) return `${r.verdict} no impact`;
  return `${r.verdict} ${r.recoverMs === null ? 'never recovered' : `recovered ${formatClock(r.recoverMs)}`}`;
}

export const scorecardCommand: CommandDef = {
  name: 'scorecard',
  usage: 'firedrill scorecard [--seed N]',
  summary: 'run every built-in scenario against its naive and its reference playbook',
  help: [
    'Runs each built-in scenario twice: with the naive playbook (what teams often do) and with',
    'the reference playbook (what meets the target), and prints one line per scenario.',
    'Exit code 0 when every reference playbook meets its target, 1 otherwise. Where no',
    'playbook can (the data is gone), the scenario names a guarded variant: its reference must',
    'pass, and the unguarded one is expected to miss.',
  ].join('\n'),
  options: { seed: { type: 'string' } },
  run({ values }, io: Io) {
    const seed = intOption(values.seed, 'seed', 1);
    const scenarios = builtinScenarios();
    const width = Math.max(...scenarios.map((s) => s.meta.id.length));
    io.out(`${'scenario'.padEnd(width)}  ${'naive playbook'.padEnd(28)}  reference playbook\n`);
    let missed = 0;
    for (const scenario of scenarios) {
      const results = (['naive', 'reference'] as const).map((kind) => {
        const playbook = playbookFromFile(join(PLAYBOOK_DIR, `${scenario.meta.playbooks[kind]}.yaml`));
        return drillPlaybook(scenario, playbook, seed).session.result();
      });
      const [naive, reference] = results as [DrillResult, DrillResult];
      const unguarded = scenario.meta.guardedVariant !== undefined;
      if (reference.verdict !== 'PASS' && !unguarded) missed++;
      const color = (r: DrillResult, text: string): string => paint(io, r.verdict === 'PASS' ? 'green' : 'red', text);
      const note = unguarded ? paint(io, 'dim', `  (no playbook can: see ${scenario.meta.guardedVariant})`) : '';
      io.out(`${scenario.meta.id.padEnd(width)}  ${color(naive, cell(naive).padEnd(28))}  ${color(reference, cell(reference))}${note}\n`);
    }
    io.out(`\nseed ${seed}. Details: firedrill run SCENARIO --playbook PLAYBOOK --seed ${seed}\n`);
    return missed === 0 ? 0 : 1;
  },
};
