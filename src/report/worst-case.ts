import { formatClock } from '../core/monitors.js';
import type { Term, WorstCase } from '../formats/rollout/worst-case.js';

/** A config checked: its signals' worst cases against the target, and its traps. */
export interface CheckedConfig {
  name: string;
  /** What it is: "Argo Rollouts Rollout", "Flagger Canary", "Prometheus alerting rules", "playbook". */
  kind: string;
  files: string[];
  targetMs: number;
  cases: WorstCase[];
  traps: string[];
}

export function meets(c: WorstCase, targetMs: number): boolean {
  return c.totalMs !== null && c.totalMs <= targetMs;
}

const END_WORDS: Record<WorstCase['ends'], string> = { abort: 'abort', rollback: 'roll back', page: 'page someone' };

/** The arithmetic of each signal, term by term, for a terminal or a CI log. */
export function checkText(configs: readonly CheckedConfig[], style: { verdict(text: string, pass: boolean): string } = { verdict: (t) => t }): string {
  const lines: string[] = [];
  for (const c of configs) {
    lines.push(`${c.name}: ${c.kind} (${c.files.join(', ')})`);
    if (c.cases.length === 0) lines.push('  nothing measures the release: no analysis, check or alert to time');
    for (const w of c.cases) {
      const ok = meets(w, c.targetMs);
      const total = w.totalMs === null ? 'never' : formatClock(w.totalMs);
      lines.push(`  ${style.verdict(ok ? 'MEETS' : 'MISSES', ok)}  ${w.signal}: ${END_WORDS[w.ends]} ${w.totalMs === null ? 'never' : `at ${total}`} (target ${formatClock(c.targetMs)})`);
      lines.push(...terms(w.toDetect, true));
      lines.push(`        = ${pad(w.detectMs)}  to the first sign (${w.ends === 'page' ? 'the alert fires' : w.ends === 'abort' ? 'a failed measurement' : 'a failed check'})`);
      if (w.toAct.length > 0) {
        lines.push(...terms(w.toAct, false));
        lines.push(`        = ${pad(w.totalMs)}  to ${END_WORDS[w.ends]}`);
      }
      for (const n of w.notes) lines.push(`          note: ${n}`);
    }
    if (c.traps.length > 0) {
      lines.push('  traps:');
      for (const t of c.traps) lines.push(`    - ${t}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function terms(list: readonly Term[], first: boolean): string[] {
  return list.map((t, i) => `        ${first && i === 0 ? ' ' : '+'} ${pad(t.ms)}  ${t.why}`);
}

function pad(ms: number | null): string {
  return (ms === null ? 'never' : formatClock(ms)).padStart(6);
}
