import { describeWatch, type Watch } from '../core/monitors.js';
import type { WatchSpec } from '../core/spec.js';
import type { Playbook } from '../formats/playbook.js';
import type { Session } from './session.js';

/**
 * What a playbook watched, second by second, until it reacted: for each of its triggers (and,
 * for a trigger on the system's alerts, each alert it acts on), the level that fires it and the
 * value it read over its window. The report draws them on the metric's chart, so a reader sees
 * what the playbook reacted to, and when, rather than only the noisy per-second values.
 */
export interface WatchedSeries {
  /** `trigger`, or `alert ID` for an alert the playbook acts on. */
  by: string;
  /** The condition in one line: "canary.accuracy falls 3% below baseline over 30s". */
  text: string;
  metric: string;
  route: string | null;
  windowMs: number;
  longWindowMs: number | null;
  /** The level the value must rise above or fall below, in the metric's units (a relative condition resolved against the baseline). */
  above: number | null;
  below: number | null;
  /** When the condition held long enough to fire, if it fired before or with the playbook's first trigger; else null. */
  firedMs: number | null;
  /**
   * One value per step, at the step's end, until the playbook's first trigger fired (the last
   * one then, at that second): the window's value, null while it held too few samples to count.
   */
  stepMs: number;
  values: (number | null)[];
}

/** The strictest level each side of a watch's conditions sets (they must all hold). */
function levels(spec: WatchSpec, baseline: number | undefined): { above: number | null; below: number | null } {
  const above = [spec.above, spec.risePct !== undefined && baseline !== undefined ? baseline * (1 + spec.risePct / 100) : undefined].filter((x): x is number => x !== undefined);
  const below = [spec.below, spec.dropPct !== undefined && baseline !== undefined ? baseline * (1 - spec.dropPct / 100) : undefined].filter((x): x is number => x !== undefined);
  return { above: above.length > 0 ? Math.max(...above) : null, below: below.length > 0 ? Math.min(...below) : null };
}

/** The watches behind a playbook's triggers: its own, and the scenario's alerts for `alert:` triggers. */
function watchedSpecs(session: Session, playbook: Playbook): { by: string; spec: WatchSpec }[] {
  const out: { by: string; spec: WatchSpec }[] = [];
  for (const t of playbook.triggers) {
    if (t.kind === 'watch') out.push({ by: 'trigger', spec: t.watch });
    else for (const m of session.drill.monitors) if (t.alert === 'any' || m.spec.id === t.alert) out.push({ by: `alert ${m.spec.id}`, spec: m.spec });
  }
  return out;
}

/**
 * Starts recording what the playbook watches; returns the series, filled as the drill runs. Its
 * watches are its own, built the same way as the playbook's and the drill's, so recording reads
 * the world and changes nothing in it.
 */
export function traceWatches(session: Session, playbook: Playbook): WatchedSeries[] {
  const store = session.drill.world.metrics;
  const bucketTicks = store.bucketTicks;
  const traced = watchedSpecs(session, playbook).map(({ by, spec }) => {
    const watch: Watch = session.watch(spec);
    const series: WatchedSeries = {
      by,
      text: describeWatch(spec),
      metric: spec.metric,
      route: spec.route ?? null,
      windowMs: spec.windowMs,
      longWindowMs: spec.longWindowMs ?? null,
      ...levels(spec, watch.baseline),
      firedMs: null,
      stepMs: bucketTicks * 1000,
      values: [],
    };
    return { watch, spec, series, source: store.get(spec.route ?? 'all', spec.metric) };
  });
  let ticks = 0;
  let fired = false;
  session.drill.onTick(() => {
    // The playbook reads its triggers until one fires, then acts: what it watched ends there.
    if (fired) return;
    ticks++;
    for (const t of traced) {
      if (t.watch.update(store, session.now) === 'fire') {
        t.series.firedMs = session.now;
        fired = true;
      }
      if (ticks % bucketTicks !== 0 && !fired) continue;
      t.source.sum(Math.max(1, Math.round(t.spec.windowMs / 1000)));
      const den = t.source.lastDen;
      t.series.values.push(den > 0 && den >= t.spec.minCount ? Number((t.source.lastNum / den).toPrecision(4)) : null);
    }
  });
  return traced.map((t) => t.series);
}
