import { join } from 'node:path';
import { formatClock } from '../../core/monitors.js';
import type { DrillResult } from '../../core/result.js';
import { drillPlaybook } from '../../drill/playbook-runner.js';
import { NO_SLO_BROKEN } from '../../report/outcome.js';
import { outText } from '../fit-width.js';
import { paint, type Io } from '../io.js';
import { builtinScenarios, playbookFromFile, PLAYBOOK_DIR } from '../library.js';
import { intOption, type CommandDef } from './command.js';

function cell(r: DrillResult): string {
  if (r.impactStartMs === null) return `${r.verdict} ${NO_SLO_BROKEN}`;
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
    const rows = scenarios.map((scenario) => {
      const [naive, reference] = (['naive', 'reference'] as const).map((kind) => {
        const playbook = playbookFromFile(join(PLAYBOOK_DIR, `${scenario.meta.playbooks[kind]}.yaml`));
        return drillPlaybook(scenario, playbook, seed).session.result();
      }) as [DrillResult, DrillResult];
      return { scenario, naive, reference, unguarded: scenario.meta.guardedVariant };
    });
    const idWidth = Math.max(...scenarios.map((s) => s.meta.id.length), 'scenario'.length);
    const naiveWidth = Math.max(...rows.map((r) => cell(r.naive).length), 'naive playbook'.length);
    const color = (r: DrillResult, text: string): string => paint(io, r.verdict === 'PASS' ? 'green' : 'red', text);
    const lines = [
      `Each built-in scenario drilled with its naive playbook (what teams often do: it is meant to miss the target) and its reference playbook (meant to meet it), seed ${seed}.`,
      '',
      `${'scenario'.padEnd(idWidth)}  ${'naive playbook'.padEnd(naiveWidth)}  reference playbook`,
    ];
    for (const r of rows) {
      lines.push(`${r.scenario.meta.id.padEnd(idWidth)}  ${color(r.naive, cell(r.naive).padEnd(naiveWidth))}  ${color(r.reference, cell(r.reference))}`);
      if (r.unguarded) lines.push(paint(io, 'dim', `${' '.repeat(idWidth + 2)}no playbook can recover it in time; ${r.unguarded} adds the guardrail that prevents it`));
    }
    const counted = rows.filter((r) => !r.unguarded);
    const met = counted.filter((r) => r.reference.verdict === 'PASS').length;
    const naiveMissed = rows.filter((r) => r.naive.verdict !== 'PASS').length;
    const unguarded = rows.length - counted.length;
    const pass = met === counted.length;
    lines.push('', `Details of one: firedrill run SCENARIO --playbook naive|reference --seed ${seed}`);
    lines.push(
      `${paint(io, pass ? 'green' : 'red', pass ? 'PASS' : 'FAIL')}  ${met} of ${counted.length} reference playbooks met the target` +
        `${unguarded > 0 ? ` (${unguarded} scenarios no playbook can recover not counted)` : ''}; ${naiveMissed} of ${rows.length} naive playbooks missed it`,
    );
    outText(io, `${lines.join('\n')}\n`);
    return pass ? 0 : 1;
  },
};
