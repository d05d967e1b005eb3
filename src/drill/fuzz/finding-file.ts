import { describeFault } from '../../core/faults.js';
import { formatClock } from '../../core/monitors.js';
import type { FaultSpec } from '../../core/spec.js';
import type { Playbook } from '../../formats/playbook.js';
import { digestOf } from '../../formats/scenario.js';
import { faultInput, patchScenario } from '../../formats/write-scenario.js';
import type { BaseWorld } from './base-world.js';
import type { Incident } from './incident.js';

/**
 * A file name made only of letters, digits, dots, dashes and underscores, starting with a
 * letter or a digit, never empty: whatever the ids say, it stays inside the output folder and
 * is not hidden there.
 */
export function safeFileName(text: string, extension: string): string {
  const stem = text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '')
    .slice(0, 120);
  return `${stem === '' ? 'fuzz' : stem}${extension}`;
}

/** One line per fault, with the parameters the timeline leaves out: `  2:30  release r42 deployed (max unavailable 6)`. */
export function describeIncident(incident: Incident): string[] {
  return incident.faults.map((f) => `${formatClock(f.atMs).padStart(7)}  ${describeFault(f)}${details(f)}`);
}

function details(f: FaultSpec): string {
  const parts: string[] = [];
  if (f.type === 'deploy' && f.maxUnavailable !== undefined) parts.push(`max unavailable ${f.maxUnavailable}`);
  if (f.type === 'rule') {
    parts.push(f.forMs === undefined ? 'no end' : `for ${formatClock(f.forMs)}`);
    if (f.rampMs !== undefined) parts.push(`ramping up over ${formatClock(f.rampMs)}`);
  }
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/**
 * The scenario file that reproduces a finding with `firedrill run`: the base scenario as its
 * author wrote it, started where the base world starts, with the incident's faults.
 */
export function findingScenario(baseText: string, base: BaseWorld, playbook: Playbook, incident: Incident, searchSeed: number): { name: string; text: string } {
  const id = base.scenario.meta.id;
  const what = incident.faults.length === 0 ? 'no fault at all' : `${incident.faults.length} fault${incident.faults.length > 1 ? 's' : ''}`;
  const briefing = [
    `Found by firedrill fuzz (search seed ${searchSeed}) over ${id}, started at release ${base.startRelease}:`,
    `playbook ${playbook.name} misses the target on this incident (${what}), drill seed ${incident.seed}.`,
    ...describeIncident(incident),
    '',
  ].join('\n');
  const text = patchScenario(baseText, {
    id: safeFileName(`${id}-fuzz-seed${searchSeed}`, ''),
    title: `${base.scenario.meta.title} (fuzzed: ${what})`,
    briefing,
    initial: base.startRelease,
    history: base.scenario.spec.history,
    faults: incident.faults.map(faultInput),
  });
  // The incident's own digest in the name: two searches that find different incidents never overwrite each other.
  const digest = digestOf(JSON.stringify(incident)).slice('sha256:'.length, 'sha256:'.length + 8);
  return { name: safeFileName(`fuzz-${id}-${playbook.name}-seed${searchSeed}-${digest}`, '.yaml'), text };
}
