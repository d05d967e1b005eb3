import { formatMetric } from './metric-format.js';
import { routeViews } from './route-view.js';
import { shownMetrics, SignalReader } from './signal-view.js';
import type { Route, World } from './world.js';

/**
 * What `inspect ROUTE` shows of a route: its share of users, what it serves where the routes
 * differ, and its signals now against every other route carrying users, each over the window
 * its SLO is judged on (10 s without one): the comparison a canary analysis makes.
 */
export function describeRoute(world: World, route: Route): string[] {
  const views = routeViews(world);
  const view = views.find((v) => v.name === route.name)!;
  const others = views.filter((v) => v !== view);
  const differs = view.versions.map((v) => {
    const elsewhere = others.map((o) => `${o.name} ${o.versions.find((x) => x.component === v.component)!.version}`).join(', ');
    return `${v.component} ${v.version} (${elsewhere})`;
  });
  const lines = [`route ${route.name}: ${view.weightPct}% of users, track ${route.track}${differs.length > 0 ? `, serves ${differs.join('; ')}` : ', serves what every route serves'}`];
  const live = world.liveRoutes().map((r) => r.name);
  if (!live.includes(route.name)) return [...lines, 'no signals: the route carries no users now'];
  const compared = live.filter((name) => name !== route.name);
  const readings = new SignalReader(world.spec, world.metrics).read(shownMetrics(world.spec), live);
  lines.push(compared.length === 0 ? `signals now (it carries every user), each over its SLO's window (10s without):` : `signals now against ${compared.join(', ')}, each over its SLO's window (10s without):`);
  const nameWidth = Math.max(...readings.map((m) => m.name.length));
  for (const m of readings) {
    const mine = m.routes!.find((r) => r.route === route.name)!;
    const rest = compared.map((name) => `${name} ${formatMetric(m.unit, m.routes!.find((r) => r.route === name)!.value)}`).join(', ');
    const slo = m.sloMax !== undefined ? `SLO ≤ ${formatMetric(m.unit, m.sloMax)}` : m.sloMin !== undefined ? `SLO ≥ ${formatMetric(m.unit, m.sloMin)}` : '';
    const parts = [`  ${m.name.padEnd(nameWidth)}  ${formatMetric(m.unit, mine.value).padEnd(8)}`, rest ? `against ${rest}` : '', slo ? `${slo}${mine.breaking ? `, broken on ${route.name}` : ''}` : ''];
    lines.push(parts.filter(Boolean).join('  ').trimEnd());
  }
  return lines;
}
