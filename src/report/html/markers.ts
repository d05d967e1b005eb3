import { formatClock } from '../../core/monitors.js';
import type { Report } from '../report.js';

export type MarkerKind = 'fault' | 'impact' | 'detect' | 'action' | 'mitigate' | 'recover';

/** A moment drawn across every chart of a drill. */
export interface Marker {
  tMs: number;
  kind: MarkerKind;
  /** Short label on the chart ("detected", or an action's number). */
  label: string;
  /** The full text, shown on hover and in the timeline. */
  text: string;
}

export const MARKER_COLORS: Record<MarkerKind, string> = {
  fault: '#d9480f',
  impact: '#c92a2a',
  detect: '#1971c2',
  action: '#495057',
  mitigate: '#0c8599',
  recover: '#2b8a3e',
};

const TIMELINE_MARKERS: Partial<Record<string, { kind: MarkerKind; label: string }>> = {
  fault: { kind: 'fault', label: 'fault' },
  inject: { kind: 'fault', label: 'inject' },
  change: { kind: 'fault', label: 'change' },
  impact: { kind: 'impact', label: 'impact' },
  detect: { kind: 'detect', label: 'detected' },
  mitigate: { kind: 'mitigate', label: 'mitigated' },
  recover: { kind: 'recover', label: 'recovered' },
};

/** Faults, impact, detection, each operator action (numbered), mitigation and recovery. */
export function drillMarkers(r: Report): Marker[] {
  const out: Marker[] = [];
  for (const e of r.timeline) {
    const m = TIMELINE_MARKERS[e.kind];
    if (m) out.push({ tMs: e.tMs, kind: m.kind, label: m.label, text: `${formatClock(e.tMs)} ${e.text}` });
  }
  // Actions issued in the same second share one line, labelled with all their numbers.
  const byTime = new Map<number, number[]>();
  r.actions.forEach((a, i) => byTime.set(a.atMs, [...(byTime.get(a.atMs) ?? []), i]));
  for (const [tMs, ids] of byTime) {
    const label = ids.length === 1 ? String(ids[0]! + 1) : `${ids[0]! + 1}-${ids[ids.length - 1]! + 1}`;
    const text = ids.map((i) => `action ${i + 1}: ${r.actions[i]!.command} (${r.actions[i]!.status})`).join('; ');
    out.push({ tMs, kind: 'action', label, text: `${formatClock(tMs)} ${text}` });
  }
  return out.sort((a, b) => a.tMs - b.tMs);
}

/** When the recovery clock starts: detection, or impact start when nothing detected it. */
export function clockStartMs(r: Report): number | null {
  if (r.impactStartMs === null) return null;
  return r.detectMs === null ? r.impactStartMs : r.impactStartMs + r.detectMs;
}

/**
 * How much of the drill the charts show: up to a little after the last thing that happened, or
 * the end of the target window, whichever is later; never past the end of the drill. A drill
 * that never recovers runs for hours of steady failure that would squeeze the story to a sliver.
 */
export function chartEndMs(r: Report, markers: readonly Marker[]): number {
  const start = clockStartMs(r);
  const last = Math.max(
    0,
    ...markers.map((m) => m.tMs),
    ...r.actions.map((a) => a.endMs ?? a.atMs),
    start === null ? 0 : start + r.targetMs,
  );
  const wanted = Math.max(5 * 60_000, last + Math.max(60_000, Math.round(last * 0.1)));
  return Math.min(r.endMs, Math.ceil(wanted / 60_000) * 60_000);
}
