import { formatClock, formatDuration } from '../../core/monitors.js';
import type { CanarySpec, CheckSpec } from '../../formats/controller.js';
import { evaluate } from '../promql/evaluate.js';
import type { ControllerContext, Flow } from './context.js';
import { awaitRelease } from './release.js';
import { rangeText } from './measurement.js';

type Checked = Extract<CanarySpec, { kind: 'checked' }>;

/**
 * A canary advanced by checks, as Flagger's control loop does (pkg/controller/scheduler.go
 * advanceCanary): the revision is detected on one tick; every `interval` after, the loop first
 * rolls back if the failed checks have reached the threshold, then on the first tick moves the
 * canary to its first weight, and on later ticks runs every metric check: one failing halts
 * advancement and counts one failed check; all passing move the canary to its next weight, or
 * promote it from the last. So a canary failing from its first check rolls back `threshold`
 * intervals after it (docs/gitbook/usage/deployment-strategies.md: "interval * threshold").
 * A confirm gate that is closed halts the canary where it is.
 */
export function* checkedCanary(ctx: ControllerContext, spec: Checked): Flow {
  const release = yield* awaitRelease(ctx);
  ctx.note(`new revision detected (${release}): analysis every ${formatDuration(spec.everyMs)}, rollback after ${spec.failedChecks} failed checks`);
  let failed = 0;
  let step = -1;
  // The loop ticks on a fixed schedule from the detection, whatever its commands take.
  let tick = ctx.now;
  for (;;) {
    tick += spec.everyMs;
    while (ctx.now < tick) yield;
    if (failed >= spec.failedChecks) {
      ctx.note(`failed checks threshold reached (${failed}): rolling back the canary`);
      yield* ctx.run('canary abort');
      return false;
    }
    if (step === -1) {
      if (!(yield* gate(ctx, spec, 'confirm-rollout'))) return false;
      step = 0;
      yield* ctx.run(`canary ${percent(spec.weights[0]!)}`);
      continue;
    }
    const failing = runChecks(ctx, spec);
    if (failing.length > 0) {
      failed++;
      ctx.note(`halt advancement: ${failing.join('; ')} (failed checks ${failed} of ${spec.failedChecks})`);
      ctx.declare(`canary check failed at ${formatClock(ctx.now)}: ${failing.join('; ')}; rollback after ${spec.failedChecks} failed checks, one every ${formatDuration(spec.everyMs)}`);
      continue;
    }
    if (step + 1 < spec.weights.length) {
      if (!(yield* gate(ctx, spec, 'confirm-traffic-increase'))) return false;
      step++;
      yield* ctx.run(`canary ${percent(spec.weights[step]!)}`);
      continue;
    }
    if (!(yield* gate(ctx, spec, 'confirm-promotion'))) return false;
    ctx.note(`checks passed at the last weight: promoting the canary`);
    yield* ctx.run('canary promote');
    return true;
  }
}

/**
 * The names and values of the checks that fail now (a query with no value fails, as Flagger's
 * "no values found"). Every check, passing or not, is recorded for the report.
 */
function runChecks(ctx: ControllerContext, spec: Checked): string[] {
  const failing: string[] = [];
  for (const check of spec.checks) {
    const why = checkOne(ctx, check);
    if (why) failing.push(why);
  }
  return failing;
}

/** One check: why it fails, or undefined when it passes. */
function checkOne(ctx: ControllerContext, check: CheckSpec): string | undefined {
  const levels = { failsBelow: check.min, failsAbove: check.max };
  const record = (value: string, first: number | null, failed: boolean, error = false): void =>
    ctx.measured({ by: 'canary check', name: check.name, value, first, phase: error ? 'error' : failed ? 'failed' : 'successful', condition: rangeText(check), ...levels }, check.query.expr);
  let value: number;
  try {
    const result = evaluate(check.query.expr, ctx.store);
    value = result.type === 'scalar' ? result.value : (result.samples.at(-1)?.value ?? NaN);
  } catch (e) {
    record((e as Error).message, null, true, true);
    return `${check.name}: ${(e as Error).message}`;
  }
  const why = Number.isNaN(value)
    ? `${check.name}: no values found`
    : check.min !== null && value < check.min
      ? `${check.name} ${round(value)} < ${check.min}`
      : check.max !== null && value > check.max
        ? `${check.name} ${round(value)} > ${check.max}`
        : undefined;
  record(Number.isNaN(value) ? 'no values found' : round(value), Number.isNaN(value) ? null : value, why !== undefined);
  return why;
}

/** A closed confirm gate halts the canary for good: nobody opens it in a drill. */
function* gate(ctx: ControllerContext, spec: Checked, on: Checked['gates'][number]['on']): Generator<void, boolean, void> {
  const closed = spec.gates.find((g) => g.on === on && !g.open);
  if (!closed) return true;
  ctx.note(`halted at the ${on} gate '${closed.name}': it waits for someone to open it`);
  for (;;) yield;
}

function percent(weight: number): string {
  return String(Math.round(weight * 10_000) / 100);
}

function round(v: number): string {
  return Number(v.toPrecision(4)).toString();
}
