import { formatClock } from './monitors.js';
import { clamp01 } from './rules.js';
import type { MetricSpec, SuiteSpec } from './spec.js';
import type { World } from './world.js';

/** What one measure of a suite run found. */
export interface SuiteMeasure {
  name: string;
  measured: number;
  baseline: number;
  /** Change from the baseline in percent, signed as measured. */
  changePct: number;
  /** The change in the direction that is worse, in percent (negative: better). */
  worsePct: number;
}

/**
 * Puts a suite's cases to the live system: each case meets a route as its users do, and a
 * group of that route's ready pods in proportion to them, so the suite scores the behaviour
 * users meet now. A rate (quality, a share of answers) is counted over the cases; a gauge is
 * their mean. Returns nothing when nothing serves a case.
 */
export function runSuite(world: World, suite: SuiteSpec): SuiteMeasure[] | undefined {
  const { traffic } = world.spec;
  const users = world.stacks.routeUsers();
  const groups: { weight: number; quality: number; metrics: Record<string, number> }[] = [];
  world.routes.forEach((route, i) => {
    if (route.weight <= 0 || users[i]! <= 0) return;
    const ready = world.stacks.routeGroups(route);
    const pods = ready.reduce((n, g) => n + g.pods, 0);
    for (const g of ready) {
      // Without a serving deployment a provider answers every case; otherwise the ready pods do.
      const share = traffic.deployment === undefined ? 1 : pods > 0 ? g.pods / pods : 0;
      if (share <= 0) continue;
      const effect = world.stacks.effectOf(g.stack);
      groups.push({ weight: users[i]! * share, quality: effect.quality, metrics: effect.metrics });
    }
  });
  const total = groups.reduce((s, g) => s + g.weight, 0);
  if (total <= 0) return undefined;
  const rng = world.streams.get('suites');
  return suite.measures.map((name) => {
    const spec: MetricSpec | undefined = world.metricSpecs.get(name);
    const baseline = spec ? spec.baseline : traffic.baseQuality;
    const expected = groups.reduce((s, g) => s + g.weight * (baseline + (spec ? (g.metrics[name] ?? 0) : g.quality)), 0) / total;
    const measured = spec?.kind === 'gauge' ? expected + (spec.sd * rng.normal()) / Math.sqrt(suite.cases) : rng.binomial(suite.cases, clamp01(expected)) / suite.cases;
    const changePct = baseline === 0 ? measured * 100 : ((measured - baseline) / Math.abs(baseline)) * 100;
    const good = spec ? spec.good : 'high';
    return { name, measured, baseline, changePct, worsePct: good === 'high' ? -changePct : changePct };
  });
}

/** `quality 0.902 vs baseline 0.950 (-5.1%)`. */
export function describeMeasure(m: SuiteMeasure): string {
  return `${m.name} ${m.measured.toFixed(3)} vs baseline ${m.baseline.toFixed(3)} (${m.changePct >= 0 ? '+' : ''}${m.changePct.toFixed(1)}%)`;
}

/**
 * Runs every suite of the scenario on its schedule: each run is a line on the timeline, and
 * its results are metrics of the next second recorded (`SUITE.MEASURE`, `SUITE.drift`).
 */
export function scheduleSuites(world: World): void {
  for (const suite of world.spec.suites) {
    const run = (): void => {
      world.suiteRuns.set(suite.id, world.now);
      const measures = runSuite(world, suite);
      if (!measures) {
        world.note('suite', `suite ${suite.id} could not run: nothing serves requests`);
      } else {
        const drift = Math.max(...measures.map((m) => m.worsePct));
        for (const m of measures) world.suiteResults.set(`${suite.id}.${m.name}`, m.measured);
        world.suiteResults.set(`${suite.id}.drift`, drift);
        world.note('suite', `suite ${suite.id} (${suite.cases} cases): ${measures.map(describeMeasure).join(', ')}; worst ${drift >= 0 ? `${drift.toFixed(1)}% worse than` : 'no worse than'} the baseline`);
      }
      world.kernel.after(suite.everyMs, run);
    };
    world.kernel.at(suite.firstMs, run);
  }
}

/** The suite whose results a metric is, and when it last ran, for an alert to name. */
export function suiteRunOf(world: World, metric: string): string | undefined {
  const suite = world.spec.suites.find((s) => metric.startsWith(`${s.id}.`));
  const at = suite && world.suiteRuns.get(suite.id);
  return suite && at !== undefined ? `the ${suite.id} suite's run at ${formatClock(at)}` : undefined;
}
