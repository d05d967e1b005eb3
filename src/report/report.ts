import { inertJson } from '../core/inert.js';
import type { DrillResult } from '../core/result.js';
import type { PlaybookRun } from '../drill/playbook-runner.js';
import type { Measurement } from '../drill/controller/measurement.js';
import type { WatchedSeries } from '../drill/watch-trace.js';
import type { Session } from '../drill/session.js';
import type { Playbook } from '../formats/playbook.js';
import type { Scenario } from '../formats/scenario.js';

/**
 * The report of one drill: DESIGN's fields first (scenario, playbook or team, seed, verdict,
 * times, score, penalties, timeline, versions), then the detail. Same inputs and seed, same
 * bytes: nothing in it depends on the wall clock or the machine.
 */
export interface Report extends Omit<DrillResult, 'scenario' | 'seed' | 'verdict' | 'targetMs' | 'detectMs' | 'mitigateMs' | 'recoverMs' | 'score' | 'notScored' | 'penalties' | 'timeline'> {
  scenario: string;
  playbook: string | null;
  team: { journal: number } | null;
  seed: number;
  verdict: DrillResult['verdict'];
  targetMs: number;
  detectMs: number | null;
  mitigateMs: number | null;
  recoverMs: number | null;
  score: number | null;
  /** Why the drill has no score; present only then. */
  notScored?: string;
  penalties: DrillResult['penalties'];
  timeline: DrillResult['timeline'];
  versions: { firedrill: string; scenario: string; playbook: string | null };
  playbookRun: PlaybookRun | null;
  /** Per-second metric series (downsampled on long horizons) for charts: scope -> metric -> points. */
  series?: { stepMs: number; scopes: Record<string, Record<string, (number | null)[]>> };
  /** What the playbook watched, with the value it read over its window each step (with the series). */
  watched?: WatchedSeries[];
  /** What a rollout controller measured: each analysis measurement and canary check (in a detailed report, with or without the series). */
  measured?: Measurement[];
}

export interface ReportInputs {
  firedrill: string;
  scenario: Scenario;
  playbook?: Playbook;
  /** A playbook known only by name and digest (a replayed journal). */
  playbookRef?: { name: string; digest: string };
  run?: PlaybookRun;
  series?: boolean;
  watched?: WatchedSeries[];
  measured?: Measurement[];
}

export function buildReport(session: Session, inputs: ReportInputs): Report {
  const playbook = inputs.playbook ?? inputs.playbookRef;
  const r = session.result();
  const { scenario: _s, seed, verdict, targetMs, detectMs, mitigateMs, recoverMs, score, notScored, penalties, timeline, ...rest } = r;
  const world = session.drill.world;
  return {
    scenario: inputs.scenario.meta.id,
    playbook: playbook?.name ?? null,
    team: playbook ? null : { journal: session.journal.length },
    seed,
    verdict,
    targetMs,
    detectMs,
    mitigateMs,
    recoverMs,
    score,
    ...(notScored !== undefined ? { notScored } : {}),
    penalties,
    timeline,
    versions: { firedrill: inputs.firedrill, scenario: inputs.scenario.digest, playbook: playbook?.digest ?? null },
    ...rest,
    playbookRun: inputs.run ?? null,
    ...(inputs.series ? { series: { stepMs: world.metrics.bucketTicks * 1000, scopes: chartSeries(world.metrics.charts()) } } : {}),
    ...(inputs.series && inputs.watched ? { watched: inputs.watched } : {}),
    // The Markdown report tables what a controller measured: it is kept whether or not charts are.
    ...(inputs.measured && inputs.measured.length > 0 ? { measured: inputs.measured } : {}),
  };
}

/** Four significant digits draw the same chart as seventeen, in a third of the bytes. */
function chartSeries(scopes: Record<string, Record<string, (number | null)[]>>): Record<string, Record<string, (number | null)[]>> {
  const out: Record<string, Record<string, (number | null)[]>> = {};
  for (const [scope, metrics] of Object.entries(scopes)) {
    out[scope] = {};
    for (const [metric, points] of Object.entries(metrics)) out[scope][metric] = points.map((v) => (v === null ? null : Number(v.toPrecision(4))));
  }
  return out;
}

export function reportJson(report: Report): string {
  return `${inertJson(JSON.stringify(report, null, 2))}\n`;
}
