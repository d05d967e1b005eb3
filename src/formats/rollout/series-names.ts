import { z } from 'zod';

/**
 * The names the drill's Prometheus-style series go by, and how the names a team's queries use
 * map onto them. The drill exposes, per route:
 *
 * - `requests_total{route, code, classification}`: completed requests by status code (200; 500
 *   errors, 503 rejected, 504 timed out) and Linkerd's success/failure classification;
 * - `request_duration_seconds_bucket{route, le}` (with `_sum` and `_count`), and the same in
 *   milliseconds as `request_duration_milliseconds_*`;
 * - for each business metric M of the scenario, `M_sum` and `M_count`: the count of positive
 *   outcomes (a rate metric) or the sum of scores (a gauge), over the requests answered.
 */
export const REQUESTS = 'requests_total';
export const DURATION_SECONDS = 'request_duration_seconds';
export const DURATION_MILLISECONDS = 'request_duration_milliseconds';

/**
 * The names service meshes, ingress controllers and client libraries give the same series:
 * Istio's standard metrics, Linkerd's proxy metrics, the NGINX ingress controller's, and the
 * Prometheus client libraries' HTTP conventions.
 */
export const DEFAULT_METRIC_NAMES: Readonly<Record<string, string>> = {
  http_requests_total: REQUESTS,
  istio_requests_total: REQUESTS,
  response_total: REQUESTS,
  nginx_ingress_controller_requests: REQUESTS,
  http_request_duration_seconds: DURATION_SECONDS,
  nginx_ingress_controller_request_duration_seconds: DURATION_SECONDS,
  istio_request_duration_milliseconds: DURATION_MILLISECONDS,
  response_latency_ms: DURATION_MILLISECONDS,
};

/** Label names those exporters use for the status code (Istio, Linkerd, NGINX in that order). */
export const DEFAULT_LABEL_NAMES: Readonly<Record<string, readonly string[]>> = {
  code: ['response_code', 'status_code', 'status'],
};

/** Labels every request and duration series carries besides the code. */
export const SIMULATED_LABELS = ['route', 'code', 'classification'] as const;

/** How a team's metric and label names map onto the simulated series. */
export interface SeriesMap {
  /** Their metric name -> a simulated family or a scenario metric. */
  metrics: Record<string, string>;
  /** A simulated label -> the other names it goes by. */
  labels: Record<string, string[]>;
  /** A route -> the labels its series carry besides `route` (a workload or service name). */
  routes: Record<string, Record<string, string>>;
}

export const seriesMapInput = z.strictObject({
  metrics: z.record(z.string(), z.string().min(1)).default({}).describe('Your metric names, each to the simulated family or scenario metric it reads.'),
  labels: z.partialRecord(z.enum(SIMULATED_LABELS), z.array(z.string().min(1))).default({}).describe('Each simulated label (route, code, classification), with the other names it goes by.'),
  routes: z.record(z.string(), z.record(z.string(), z.string())).default({}).describe('Each route, with the labels its series carry besides route (a workload or service name).'),
});

export function emptySeriesMap(): SeriesMap {
  return { metrics: {}, labels: {}, routes: {} };
}

/** Two maps together; the second's names win. */
export function mergeSeriesMaps(a: SeriesMap, b: SeriesMap): SeriesMap {
  const labels: Record<string, string[]> = { ...a.labels };
  for (const [k, v] of Object.entries(b.labels)) labels[k] = [...new Set([...(labels[k] ?? []), ...v])];
  const routes: Record<string, Record<string, string>> = { ...a.routes };
  for (const [k, v] of Object.entries(b.routes)) routes[k] = { ...routes[k], ...v };
  return { metrics: { ...a.metrics, ...b.metrics }, labels, routes };
}

export type ResolvedName =
  | { family: 'requests' }
  | { family: 'duration'; unitMs: number; part: 'bucket' | 'sum' | 'count' }
  | { family: 'metric'; metric: string; part: 'sum' | 'count' };

/** What a selector's metric name reads, given a team's map. Names it cannot place read a scenario metric. */
export function resolveName(name: string, map: SeriesMap): ResolvedName | { family: 'unknown' } {
  const rename = (n: string): string => map.metrics[n] ?? DEFAULT_METRIC_NAMES[n] ?? n;
  if (rename(name) === REQUESTS) return { family: 'requests' };
  const part = /^(.*)_(bucket|sum|count)$/.exec(name);
  if (part) {
    const base = rename(part[1]!);
    const kind = part[2] as 'bucket' | 'sum' | 'count';
    if (base === DURATION_SECONDS || base === DURATION_MILLISECONDS) return { family: 'duration', unitMs: base === DURATION_SECONDS ? 1000 : 1, part: kind };
    if (kind !== 'bucket') return { family: 'metric', metric: base, part: kind };
  }
  return { family: 'unknown' };
}

/** Every label name a series of this family can carry, in a team's vocabulary too. */
export function knownLabels(resolved: ResolvedName, map: SeriesMap): Set<string> {
  const out = new Set<string>(['route', ...Object.values(map.routes).flatMap((r) => Object.keys(r))]);
  if (resolved.family === 'duration' && resolved.part === 'bucket') out.add('le');
  if (resolved.family !== 'requests') return out;
  for (const l of SIMULATED_LABELS) out.add(l);
  for (const aliases of [...Object.values(DEFAULT_LABEL_NAMES), ...Object.values(map.labels)]) for (const a of aliases) out.add(a);
  return out;
}
