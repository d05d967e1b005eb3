import { formatClock, formatDuration } from '../../core/monitors.js';
import type { CanarySpec, MeasurementSpec } from '../../formats/controller.js';
import { AnalysisRun, type Measured } from './analysis-run.js';
import { conditionText, failLevels } from './measurement.js';
import type { ControllerContext, Flow } from './context.js';
import { awaitRelease } from './release.js';

type Stepped = Extract<CanarySpec, { kind: 'stepped' }>;

/**
 * A canary that walks its steps as Argo Rollouts does (docs/features/canary/index.md,
 * docs/features/analysis.md): set a weight, pause (for a duration, or until someone resumes it,
 * which nobody in a drill does), run an inline analysis that blocks until it completes; a
 * background analysis runs from `fromStep` until the last step. A Failed or Error run aborts
 * (traffic back to stable); an Inconclusive one pauses the rollout where it is. After the last
 * step the canary is promoted and a background run still measuring ends.
 */
export function* steppedCanary(ctx: ControllerContext, spec: Stepped, analyses: Record<string, MeasurementSpec[]>): Flow {
  const release = yield* awaitRelease(ctx);
  ctx.note(`new revision on the canary route (${release}): ${spec.steps.length} steps`);
  let background: AnalysisRun | null = null;
  const startRun = (names: string[], label: string): AnalysisRun =>
    new AnalysisRun(label, names.flatMap((n) => analyses[n] ?? []), ctx.now, ctx.store, (m) => measured(ctx, label, m, names, analyses));
  /** Polls the runs every second; returns the run that stopped the rollout, if one did. */
  const check = (inline: AnalysisRun | null): AnalysisRun | null => {
    for (const run of [background, inline]) {
      if (!run) continue;
      run.poll(ctx.now);
      if (run.phase === 'failed' || run.phase === 'error' || run.phase === 'inconclusive') return run;
    }
    return null;
  };
  const stop = function* (run: AnalysisRun): Flow {
    if (run.phase === 'inconclusive') {
      ctx.note(`analysis ${run.name} is Inconclusive (${run.message}): the rollout pauses at this step until someone resumes or aborts it`);
      return false;
    }
    ctx.declare(`analysis ${run.name} ${run.phase === 'error' ? 'errored' : 'failed'}: ${run.message}`);
    ctx.note(`analysis ${run.name} is ${run.phase === 'error' ? 'in Error' : 'Failed'} (${run.message}): aborting the rollout`);
    background?.terminate();
    yield* ctx.run('canary abort');
    return false;
  };

  for (let i = 0; i < spec.steps.length; i++) {
    if (spec.background && !background && i >= spec.background.fromStep) background = startRun(spec.background.analyses, spec.background.analyses.join('+'));
    const step = spec.steps[i]!;
    let inline: AnalysisRun | null = null;
    let until = ctx.now;
    let waiting = false;
    if (step.kind === 'weight') {
      const command = ctx.submit(`canary ${Math.round(step.weight * 10_000) / 100}`);
      while (command.status === 'running') {
        const stopped = check(null);
        if (stopped) return yield* stop(stopped);
        yield;
      }
    } else if (step.kind === 'pause') {
      if (step.ms === null) ctx.note(`step ${i + 1}: paused until someone resumes the rollout`);
      until = step.ms === null ? Infinity : ctx.now + step.ms;
      waiting = true;
    } else {
      inline = startRun(step.analyses, step.analyses.join('+'));
    }
    for (;;) {
      const stopped = check(inline);
      if (stopped) return yield* stop(stopped);
      if (inline ? inline.phase === 'successful' : !waiting || ctx.now >= until) break;
      yield;
    }
  }
  background?.poll(ctx.now);
  background?.terminate();
  ctx.note(`all ${spec.steps.length} steps done at ${formatClock(ctx.now)}: promoting the canary`);
  yield* ctx.run('canary promote');
  return true;
}

/** Logs a measurement; the first failed one (of a metric that counts) is when the controller knew. */
function measured(ctx: ControllerContext, run: string, m: Measured, names: string[], analyses: Record<string, MeasurementSpec[]>): void {
  const spec = names.flatMap((n) => analyses[n] ?? []).find((s) => s.name === m.metric);
  ctx.note(`analysis ${run}: ${m.metric} measured ${m.value}: ${m.phase}${m.phase === 'failed' ? ` (${m.failed} failed, failureLimit ${m.failureLimit})` : ''}`);
  if (spec) ctx.measured({ by: `analysis ${run}`, name: m.metric, value: m.value, first: m.first, phase: m.phase, condition: conditionText(spec), ...failLevels(spec) }, spec.query.expr);
  if (m.phase !== 'failed' || !spec || spec.dryRun) return;
  const timing = AnalysisRun.describeTiming(spec);
  ctx.declare(`analysis ${run}: ${m.metric} failed measurement ${m.failed} at ${formatClock(ctx.now)}; ${timing}${spec.everyMs !== null && spec.failureLimit >= m.failed ? `, so not before ${formatDuration((spec.failureLimit + 1 - m.failed) * spec.everyMs)} from now` : ''}`);
}
