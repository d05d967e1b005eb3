import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { runPlaybook } from '../../src/drill/playbook-runner.js';
import { Session } from '../../src/drill/session.js';
import type { Playbook } from '../../src/formats/playbook.js';
import type { Scenario } from '../../src/formats/scenario.js';
import { median, timeRuns, warmUp, type BenchResult } from './measure.js';
import { addedRouteWeight, describeVariant, firstIncidentPlaybook, variantScenario, type Kind, type Variant } from './variants.js';

const REPLICAS = [200, 2_000, 10_000];
const ROUTES = [1, 10, 100, 800];
const USERS = [20_000, 1_000_000];
const KINDS: Kind[] = ['naive', 'reference'];
/** CPU spent timing one point of a curve before settling for fewer runs (at least three). */
const POINT_BUDGET_MS = 1_500;

interface Point {
  variant: Variant;
  kind: Kind;
  ms: number;
  runs: number;
  simulatedS: number;
  /** Events the drill's clock ran: one tick per simulated second, and every pod, action and fault timer. */
  events: number;
}

/** Runs one drill on a session whose clock counts the events it is given. */
function countEvents(scenario: Scenario, playbook: Playbook): { events: number; simulatedS: number } {
  const session = new Session(scenario, 1);
  for (const use of playbook.uses) if (use.kind === 'metric') session.watched.add(use.name);
  const kernel = session.drill.world.kernel;
  const at = kernel.at.bind(kernel);
  let events = 0;
  kernel.at = (timeMs, task) => {
    events++;
    at(timeMs, task);
  };
  runPlaybook(session, playbook);
  return { events, simulatedS: session.now / 1000 };
}

function point(variant: Variant, kind: Kind): Point {
  const scenario = variantScenario(variant);
  const playbook = firstIncidentPlaybook(kind);
  const { events, simulatedS } = countEvents(scenario, playbook);
  let seed = 0;
  const drill = (): void => {
    const session = new Session(scenario, ++seed);
    for (const use of playbook.uses) if (use.kind === 'metric') session.watched.add(use.name);
    runPlaybook(session, playbook);
  };
  warmUp(drill);
  const runs = timeRuns(drill, 21, 0, POINT_BUDGET_MS);
  return { variant, kind, ms: median(runs), runs: runs.length, simulatedS, events };
}

const fmtMs = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const fmtUs = (us: number): string => (us < 10 ? us.toFixed(2) : us.toFixed(1));
const spread = (xs: number[]): number => Math.max(...xs) / Math.min(...xs);

/** How far apart the marginal costs of each playbook's curve are, judged curve by curve. */
function spreads(byKind: Map<Kind, number[]>): { worst: number; text: string } {
  const parts = [...byKind].map(([kind, m]) => `${kind} ${spread(m).toFixed(1)}x (${m.map(fmtUs).join(', ')} µs)`);
  return { worst: Math.max(...[...byKind.values()].map(spread)), text: parts.join('; ') };
}

/**
 * CPU per unit of growth between consecutive points of a curve: what one more pod event or
 * route-second costs. Fixed costs of a drill (its ticks, its monitors) drop out of the difference.
 */
function marginal(points: Point[], units: (p: Point) => number): number[] {
  const out: number[] = [];
  for (let i = 1; i < points.length; i++) out.push(((points[i]!.ms - points[i - 1]!.ms) * 1000) / (units(points[i]!) - units(points[i - 1]!)));
  return out;
}

interface ChildDrill {
  firstMs: number;
  laterMs: number | null;
  simulatedS: number;
  maxRssMb: number;
  /** Why the report could not be built, if it could not. */
  reportError: string | null;
}

function child(variant: Variant, kind: Kind, runs: number, report = false): ChildDrill {
  const args = ['--import', 'tsx', join(import.meta.dirname, 'drill-child.ts'), JSON.stringify(variant), kind, String(runs), ...(report ? ['report'] : [])];
  const line = execFileSync(process.execPath, args, { cwd: join(import.meta.dirname, '..', '..'), encoding: 'utf8' }).trim().split('\n').pop()!;
  return JSON.parse(line) as ChildDrill;
}

export function podsCurve(): BenchResult[] {
  const lines: string[] = ['replicas   playbook    CPU ms median   kernel events   µs per event   marginal µs per pod event'];
  const results: BenchResult[] = [];
  const marginals = new Map<Kind, number[]>();
  let reference10k = NaN;
  for (const kind of KINDS) {
    const points = REPLICAS.map((replicas) => point({ replicas }, kind));
    const m = marginal(points, (p) => p.events);
    marginals.set(kind, m);
    points.forEach((p, i) => {
      lines.push(
        `${String(p.variant.replicas).padStart(8)}   ${kind.padEnd(10)}  ${fmtMs(p.ms).padStart(9)} (${p.runs})   ${String(p.events).padStart(13)}   ${fmtUs((p.ms * 1000) / p.events).padStart(12)}   ${i === 0 ? '' : fmtUs(m[i - 1]!).padStart(10)}`,
      );
    });
    if (kind === 'reference') reference10k = points[points.length - 1]!.ms;
  }
  results.push({
    name: 'pods: reference drill of the first incident at 10,000 replicas (pool of 10,000 slots)',
    value: `${fmtMs(reference10k)} ms CPU median`,
    target: '< 100 ms',
    met: reference10k < 100,
  });
  const { worst, text } = spreads(marginals);
  results.push({
    name: 'pods: CPU per pod event as the fleet grows from 200 to 10,000 replicas (dearest step over cheapest, per playbook)',
    value: text,
    target: '<= 2x',
    met: worst <= 2,
    detail: lines.join('\n        '),
  });
  return results;
}

/**
 * Routes 1 to 800, each route carrying users. What a route adds is judged by the marginal cost
 * of a route-second between consecutive points: what a second costs whatever the number of
 * routes (its tick, monitors, pods; shown apart, per simulated second of the one-route drill)
 * drops out of the difference, as the fixed costs of a drill do from the pods' curve.
 */
export function routesCurve(): BenchResult[] {
  const lines: string[] = ['routes   playbook    CPU ms median   simulated s   route-seconds   marginal µs per route-second'];
  const marginals = new Map<Kind, number[]>();
  const perSecond: string[] = [];
  for (const kind of KINDS) {
    const points = ROUTES.map((routes) => point({ routes }, kind));
    const routeSeconds = (p: Point): number => (p.variant.routes ?? 1) * p.simulatedS;
    const m = marginal(points, routeSeconds);
    marginals.set(kind, m);
    points.forEach((p, i) => {
      lines.push(
        `${String(p.variant.routes).padStart(6)}   ${kind.padEnd(10)}  ${fmtMs(p.ms).padStart(9)} (${p.runs})   ${String(Math.round(p.simulatedS)).padStart(11)}   ${String(Math.round(routeSeconds(p))).padStart(13)}   ${i === 0 ? '' : fmtUs(m[i - 1]!).padStart(10)}`,
      );
    });
    perSecond.push(`${kind} ${fmtUs((points[0]!.ms * 1000) / points[0]!.simulatedS)} µs`);
  }
  lines.push(`a simulated second of the one-route drill, all it does included: ${perSecond.join(', ')}`);
  // Why the steps differ at all: what a route-second costs depends on the requests it carries.
  const rps = variantScenario({}).spec.traffic.rps;
  const added = ROUTES.filter((r) => r > 1).map((r) => `${(rps * addedRouteWeight(r)).toFixed(2)} at ${r}`);
  lines.push(`the added routes share half the users, each carrying (requests/s) ${added.join(', ')} routes; a count under 30 is drawn`);
  lines.push('exactly, a step per request, so a route-second costs most where routes carry a few dozen requests, least where they carry almost none');
  const big = child({ routes: 800 }, 'naive', 1, true);
  const { worst, text } = spreads(marginals);
  return [
    {
      name: 'routes: marginal CPU per route-second from 1 to 800 routes (dearest step over cheapest, per playbook)',
      value: text,
      target: '<= 2x',
      met: worst <= 2,
      detail: lines.join('\n        '),
    },
    {
      name: 'routes: peak memory of one 800-route naive drill (2 h simulated) and its report with charts, in a process of its own (maxRSS)',
      value: `${Math.round(big.maxRssMb)} MB (${fmtMs(big.firstMs)} ms CPU)${big.reportError ? `; the report failed: ${big.reportError}` : ''}`,
      target: '< 300 MB',
      met: big.maxRssMb < 300 && big.reportError === null,
    },
  ];
}

export function usersCurve(): BenchResult[] {
  const lines: string[] = ['users       routes   first drill of a process, CPU ms   later drills, median CPU ms'];
  let worstExtraMs = 0;
  for (const users of USERS) {
    for (const routes of [1, 10]) {
      const variant: Variant = routes === 1 ? { users } : { users, routes };
      const c = child(variant, 'reference', 6);
      worstExtraMs = Math.max(worstExtraMs, c.firstMs - c.laterMs!);
      lines.push(`${users.toLocaleString('en').padStart(9)}   ${String(routes).padStart(6)}   ${fmtMs(c.firstMs).padStart(31)}   ${fmtMs(c.laterMs!).padStart(27)}`);
    }
  }
  return [
    {
      name: 'users: what the first drill of a process or worker pays beyond the next ones (hashing users into buckets)',
      value: `at most ${fmtMs(worstExtraMs)} ms CPU, once per process (${describeVariant({ users: 1_000_000 })} at most)`,
      target: '< 500 ms',
      met: worstExtraMs < 500,
      detail: lines.join('\n        '),
    },
  ];
}

