import { formatMetric } from './metric-format.js';
import { routeViews } from './route-view.js';
import { shownMetrics, SignalReader } from './signal-view.js';
import type { Route, World } from './world.js';

/**
 * What `inspect ROUTE` shows of a route: its share of users, what it serves where the routes
 * differ, and its signals now against every other route carrying users, each over the window
 * its SLO is judged on (10 s without one): the comparison a canary analysis makes. One line
 * per signal, so that it fits the answer area of an 80x24 screen.
 */
export function describeRoute(world: World, route: Route): string[] {
  const views = routeViews(world);
  const view = views.find((v) => v.name === route.name)!;
  const others = views.filter((v) => v !== view);
  const versionOn = (v: (typeof views)[number], component: string): string => v.versions.find((x) => x.component === component)!.version;
  const serves =
    view.versions.length === 0
      ? 'the same versions as every route'
      : `${view.versions.map((v) => `${v.component} ${v.version}`).join(', ')} (${others.map((o) => `${o.name}: ${view.versions.map((v) => versionOn(o, v.component)).join(', ')}`).join('; ')})`;
  // The environment matters only where routes are sent to different ones.
  const track = views.some((v) => v.track !== view.track) || view.track !== 'main' ? ` on ${view.track}` : '';
  const lines = [`${route.name} route, ${view.weightPct}% of users${track}: ${serves}`];
  const live = world.liveRoutes().map((r) => r.name);
  if (!live.includes(route.name)) return [...lines, 'no signals: the route carries no users now'];
  const compared = live.filter((name) => name !== route.name);
  const readings = new SignalReader(world.spec, world.metrics).read(shownMetrics(world.spec), live);
  const nameWidth = Math.max(...readings.map((m) => m.name.length));
  for (const m of readings) {
    const value = (name: string): number => m.routes!.find((r) => r.route === name)!.value;
    const mine = m.routes!.find((r) => r.route === route.name)!;
    const rest = compared.map((name) => `${name} ${formatMetric(m.unit, value(name))}`).join(', ');
    const slo = m.sloMax !== undefined ? `SLO ≤ ${formatMetric(m.unit, m.sloMax)}` : m.sloMin !== undefined ? `SLO ≥ ${formatMetric(m.unit, m.sloMin)}` : '';
    const parts = [`  ${m.name.padEnd(nameWidth)}  ${formatMetric(m.unit, mine.value).padEnd(7)}`, rest.padEnd(compared.length > 0 ? 13 : 0), slo ? `${slo}${mine.breaking ? `, broken on ${route.name}` : ''}` : ''];
    lines.push(parts.filter(Boolean).join('  ').trimEnd());
  }
  return lines;
}
