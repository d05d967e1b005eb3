import { z } from 'zod';
import { checkShape } from '../core/actions/check.js';
import { usageOf } from '../core/actions/declaration.js';
import { VERBS } from '../core/actions/verbs.js';
import { parseCommand, type Command } from '../core/commands.js';
import { unknownName } from '../core/names.js';
import type { WatchSpec } from '../core/spec.js';
import { compileController, controllerFields, type Controller } from './controller.js';
import { MAX_PLAYBOOK_BRANCHES, MAX_PLAYBOOK_GATES, MAX_PLAYBOOK_STEPS } from './limits.js';
import { resolveName } from './rollout/series-names.js';
import { selectorsOf } from './rollout/promql.js';
import { digestOf, compileWatch } from './scenario.js';
import { watchInput } from './scenario-schema.js';
import { formatPath, InputError, YamlSource, type Path, type Problem } from './source.js';
import { duration } from './units.js';

/** How long a command step may run before the playbook treats it as failed. */
export const DEFAULT_STEP_TIMEOUT_MS = 15 * 60_000;

type StepInput =
  | { run: string; timeout?: string | number; onFail?: StepInput[] }
  | { parallel: StepInput[] }
  | { atomic: StepInput[] }
  | { verify: z.input<typeof gateInput>; onFail?: StepInput[] }
  | { wait: string | number };

const gateInput = watchInput.extend({ timeout: duration.default(300_000).describe('How long the gate waits for the condition before the step fails (5m by default).') });

/**
 * A command step's text: editors offer every verb's usage line as a completion, and show the
 * verbs with what each does on hover.
 */
const runInput = z
  .string()
  .min(1)
  .meta({
    description: `An operator command, as a team types it: ${[...VERBS.keys()].join(', ')}. Each is offered with its usage; help VERB in firedrill play says what it does.`,
    examples: [...VERBS.values()].map(usageOf),
  });

const onFail = (): z.ZodType<StepInput[] | undefined> => z.array(stepInput).optional().describe('Steps to run instead when this one fails.');

const stepInput: z.ZodType<StepInput> = z.lazy(() =>
  z.union([
    z.strictObject({
      run: runInput,
      timeout: z.union([z.string(), z.number()]).optional().describe('How long the command may run before the step fails (15m by default).'),
      onFail: onFail(),
    }),
    z.strictObject({ parallel: z.array(stepInput).min(1).describe('Steps started together; the step ends when all have.') }),
    z.strictObject({ atomic: z.array(stepInput).min(2).describe('Steps prepared together and switched at once, so no mixed state is ever served.') }),
    z.strictObject({ verify: gateInput.describe('A gate: waits until the metric meets the condition, or fails at its timeout.'), onFail: onFail() }),
    z.strictObject({ wait: z.union([z.string(), z.number()]).describe('A pause: 30s, 2m.') }),
  ]),
);

/** A trigger watches a metric itself, or acts on the system's own alerts (`alert: any`). */
const triggerInput = z.union([z.strictObject({ alert: z.string().min(1).describe('Act when this alert of the system fires; any for any of them.') }), watchInput]);

export const playbookInput = z
  .strictObject({
    name: z.string().min(1).describe('The playbook\'s name, as reports show it.'),
    description: z.string().default('').describe('What it does and when to use it.'),
    triggers: z
      .array(triggerInput)
      .optional()
      .describe('When it acts: an alert of the system, or a metric it watches itself. The first that fires starts the steps.'),
    steps: z.array(stepInput).optional().describe('What it does, in order, once triggered.'),
    success: z
      .strictObject({
        within: duration.default(600_000).describe('How long after the last step the conditions have to come true (10m by default).'),
        all: z.array(watchInput).min(1).describe('Conditions that must all hold at once.'),
      })
      .optional()
      .describe('What the playbook counts as success, for its own report.'),
    ...controllerFields,
  })
  .superRefine((p, ctx) => {
    // A controller (a canary it moves, alerts it evaluates) acts by itself; a plain playbook acts once a trigger fires.
    const controller = p.canary !== undefined || p.alerts !== undefined;
    if (!controller && (p.triggers ?? []).length === 0) ctx.addIssue({ code: 'custom', path: ['triggers'], message: 'a playbook needs at least one trigger: it acts only once one fires' });
    if (!controller && (p.steps ?? []).length === 0) ctx.addIssue({ code: 'custom', path: ['steps'], message: 'a playbook needs at least one step' });
    if (!controller && (p.triggers ?? []).length > 0 && (p.steps ?? []).length === 0) ctx.addIssue({ code: 'custom', path: ['steps'], message: 'triggers need steps to run once one fires' });
  });

export type Step =
  | { kind: 'run'; command: Command; text: string; timeoutMs: number; onFail: Step[] }
  | { kind: 'parallel'; steps: Step[] }
  | { kind: 'verify'; watch: WatchSpec; timeoutMs: number; onFail: Step[] }
  | { kind: 'wait'; ms: number };

export type Trigger = { kind: 'alert'; alert: string } | { kind: 'watch'; watch: WatchSpec };

/** A metric, route or alert a playbook names, and where (to check it against a scenario). */
export interface NameUse {
  kind: 'metric' | 'route' | 'alert';
  name: string;
  path: string;
  at: { line: number; column: number };
  /** The file it was written in, when not the playbook's own (an imported config's). */
  file?: string;
  /** A metric read relative to its baseline (dropPct, risePct), over this route if any. */
  relative?: { route?: string };
}

export interface Playbook {
  name: string;
  description: string;
  triggers: Trigger[];
  /** Every metric, route and alert the playbook names, for checking it fits a scenario before it runs. */
  uses: NameUse[];
  steps: Step[];
  success?: { withinMs: number; all: WatchSpec[] };
  /** A progressive delivery controller or alerting rules the playbook runs (null for a plain playbook). */
  controller: Controller | null;
  /** Who carries it out: an automated controller (as written), or people by hand (`human:NAME`). */
  executedBy: 'automated' | 'people';
  file: string;
  digest: string;
}

/** A playbook named `human:NAME` is NAME carried out by people; every command that takes a playbook reads it so. */
export const BY_HAND_PREFIX = 'human:';

/** The playbook a name refers to, and whether people carry it out. */
export function splitExecutor(ref: string): { ref: string; byHand: boolean } {
  return ref.startsWith(BY_HAND_PREFIX) ? { ref: ref.slice(BY_HAND_PREFIX.length), byHand: true } : { ref, byHand: false };
}

/** The same playbook carried out by people, named so that reports and comparisons tell the two apart. */
export function byHand(p: Playbook): Playbook {
  return p.executedBy === 'people' ? p : { ...p, name: `${BY_HAND_PREFIX}${p.name}`, executedBy: 'people' };
}

/** Parses and checks a playbook file; throws InputError naming every problem's place. */
export function loadPlaybook(text: string, file: string): Playbook {
  const { source, data } = YamlSource.parse(text, file);
  return compilePlaybook(source, data, file, digestOf(text));
}

/**
 * Checks and compiles a playbook already read from YAML (one document of a file, or the native
 * form of an imported config), naming its file and the digest of the bytes it came from.
 */
export function compilePlaybook(source: YamlSource, data: unknown, file: string, digest: string): Playbook {
  const parsed = playbookInput.safeParse(data);
  if (!parsed.success) throw new InputError(source.zodProblems(parsed.error));
  const input = parsed.data;
  const problems = stepLimits((input.steps ?? []) as StepInput[], source);
  if (problems.length > 0) throw new InputError(problems);
  const steps = compileSteps((input.steps ?? []) as StepInput[], ['steps'], source, problems);
  const controller = compileController(input, source, problems);
  if (problems.length > 0) throw new InputError(problems);
  return {
    name: input.name,
    description: input.description,
    triggers: (input.triggers ?? []).map((t) => ('alert' in t ? { kind: 'alert', alert: t.alert } : { kind: 'watch', watch: compileWatch(t) })),
    uses: [...nameUses(data, source), ...controllerUses(controller, source)],
    steps,
    controller,
    ...(input.success ? { success: { withinMs: input.success.within, all: input.success.all.map(compileWatch) } } : {}),
    executedBy: 'automated',
    file,
    digest,
  };
}

/** Finds every `metric:`, `route:` and `alert:` in the file, with its position. */
function nameUses(data: unknown, source: YamlSource): NameUse[] {
  const out: NameUse[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, [...path, i]));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        if ((k === 'metric' || k === 'route' || k === 'alert') && typeof v === 'string') {
          const use: NameUse = { kind: k, name: v, path: formatPath([...path, k]), at: source.locate([...path, k]) };
          const watch = node as Record<string, unknown>;
          if (k === 'metric' && ('dropPct' in watch || 'risePct' in watch)) use.relative = typeof watch.route === 'string' ? { route: watch.route } : {};
          out.push(use);
        } else {
          walk(v, [...path, k]);
        }
      }
    }
  };
  walk(data, []);
  return out;
}

/** The steps a step holds (parallel, atomic, onFail), with where they are. */
function children(s: StepInput, path: Path): [StepInput, Path][] {
  const lists: [string, StepInput[] | undefined][] = [
    ['parallel', 'parallel' in s ? s.parallel : undefined],
    ['atomic', 'atomic' in s ? s.atomic : undefined],
    ['onFail', 'onFail' in s ? s.onFail : undefined],
  ];
  return lists.flatMap(([key, list]) => (list ?? []).map((c, i): [StepInput, Path] => [c, [...path, key, i]]));
}

/**
 * Counts steps, verify gates and onFail branches through every nesting, in the order of the
 * file, and names the first step past each limit: a playbook is a plan a person can read, and
 * each step costs the drill work every simulated second it is active.
 */
function stepLimits(steps: StepInput[], source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  const counts = { steps: 0, gates: 0, branches: 0 };
  const over = (what: keyof typeof counts, max: number, path: Path, words: string): void => {
    if (++counts[what] === max + 1) problems.push(source.problem(path, `the playbook has more than ${max} ${words} (the limit)`));
  };
  const stack = steps.map((s, i): [StepInput, Path] => [s, ['steps', i]]).reverse();
  while (stack.length > 0) {
    const [step, path] = stack.pop()!;
    over('steps', MAX_PLAYBOOK_STEPS, path, 'steps, counted through every parallel, atomic and onFail');
    if ('verify' in step) over('gates', MAX_PLAYBOOK_GATES, path, 'verify gates');
    if ('onFail' in step && step.onFail) over('branches', MAX_PLAYBOOK_BRANCHES, [...path, 'onFail'], 'onFail branches');
    stack.push(...children(step, path).reverse());
  }
  return problems;
}

/**
 * What a controller needs of a scenario: the canary route it moves, and the scenario metrics
 * its queries read (a request or duration series reads the error rate or the latency).
 */
function controllerUses(controller: Controller | null, source: YamlSource): NameUse[] {
  if (!controller) return [];
  const out: NameUse[] = [];
  if (controller.canary) out.push({ kind: 'route', name: 'canary', path: 'canary', at: source.locate([], 'canary') });
  const queries: { path: Path; expr: Controller['alerts'][number]['query']['expr'] }[] = [
    ...Object.entries(controller.analyses).flatMap(([name, ms]) => ms.map((m, i) => ({ path: ['analyses', name, i, 'query'], expr: m.query.expr }))),
    ...controller.alerts.map((a, i) => ({ path: ['alerts', i, 'query'], expr: a.query.expr })),
    ...(controller.canary?.kind === 'checked' ? controller.canary.checks.map((c, i) => ({ path: ['canary', 'checks', i, 'query'], expr: c.query.expr })) : []),
  ];
  for (const q of queries) {
    for (const s of selectorsOf(q.expr)) {
      const r = resolveName(s.name!, controller.series);
      const name = r.family === 'metric' ? r.metric : r.family === 'requests' ? 'errorRate' : r.family === 'duration' ? 'latencyP99Ms' : null;
      if (name !== null) out.push({ kind: 'metric', name, path: formatPath(q.path), at: source.locate(q.path) });
    }
  }
  return out;
}

function compileSteps(steps: StepInput[], path: Path, source: YamlSource, problems: Problem[]): Step[] {
  return steps.map((s, i) => compileStep(s, [...path, i], source, problems));
}

function compileStep(s: StepInput, path: Path, source: YamlSource, problems: Problem[]): Step {
  const problem = (p: Path, message: string): void => void problems.push(source.problem(p, message));
  if ('run' in s) {
    const command = checkedCommand(s.run, [...path, 'run'], problem);
    let timeoutMs = DEFAULT_STEP_TIMEOUT_MS;
    if (s.timeout !== undefined) {
      const t = duration.safeParse(s.timeout);
      if (t.success) timeoutMs = t.data;
      else problem([...path, 'timeout'], t.error.issues[0]!.message);
    }
    return { kind: 'run', command, text: s.run, timeoutMs, onFail: compileSteps(s.onFail ?? [], [...path, 'onFail'], source, problems) };
  }
  if ('parallel' in s) return { kind: 'parallel', steps: compileSteps(s.parallel, [...path, 'parallel'], source, problems) };
  if ('atomic' in s) return compileAtomic(s.atomic, [...path, 'atomic'], problem);
  if ('verify' in s) {
    const gate = gateInput.parse(s.verify);
    return { kind: 'verify', watch: compileWatch(gate), timeoutMs: gate.timeout, onFail: compileSteps(s.onFail ?? [], [...path, 'onFail'], source, problems) };
  }
  const ms = duration.safeParse(s.wait);
  if (!ms.success) problem([...path, 'wait'], ms.error.issues[0]!.message);
  return { kind: 'wait', ms: ms.success ? ms.data : 0 };
}

function checkedCommand(text: string, path: Path, problem: (p: Path, m: string) => void): Command {
  const parsed = parseCommand(text);
  if ('error' in parsed) {
    problem(path, parsed.error);
    return { verb: 'note', args: [], options: {} };
  }
  // What can be known without a world: the verb, its options, flags against values, arity, value forms.
  const verb = VERBS.get(parsed.verb);
  const bad = verb ? checkShape(verb, parsed) : unknownName('command', parsed.verb, VERBS.keys());
  if (bad) problem(path, bad);
  return parsed;
}

/**
 * An atomic group of `rollback X [V]` / `deploy X V` steps becomes one `atomic` command: every
 * change prepared in parallel and switched at the same instant.
 */
function compileAtomic(steps: StepInput[], path: Path, problem: (p: Path, m: string) => void): Step {
  const args: string[] = [];
  const options: Record<string, string> = {};
  steps.forEach((s, i) => {
    const at = [...path, i];
    if (!('run' in s)) return problem(at, 'an atomic group holds only `run: rollback ...` or `run: deploy ...` steps');
    const cmd = checkedCommand(s.run, [...at, 'run'], problem);
    if (cmd.verb !== 'rollback' && cmd.verb !== 'deploy') return problem([...at, 'run'], `an atomic group can only roll components back or forward, not '${cmd.verb}'`);
    const [component, version] = [cmd.args[0], cmd.args[1] ?? cmd.options.to];
    if (!component) return problem([...at, 'run'], 'name the component');
    args.push(version ? `${component}=${version}` : component);
    for (const k of ['max-unavailable', 'max-surge']) if (cmd.options[k]) options[k] = cmd.options[k]!;
  });
  const command: Command = { verb: 'atomic', args, options };
  return { kind: 'run', command, text: `atomic ${args.join(' ')}`, timeoutMs: DEFAULT_STEP_TIMEOUT_MS, onFail: [] };
}
