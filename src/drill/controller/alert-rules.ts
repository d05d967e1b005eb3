import { formatClock, formatDuration } from '../../core/monitors.js';
import type { AlertSpec } from '../../formats/controller.js';
import { evaluate, type Sample } from '../promql/evaluate.js';
import type { SeriesStore } from '../promql/series-store.js';

interface Instance {
  activeAtMs: number;
  lastSeenMs: number;
  firing: boolean;
}

/**
 * Alerting rules evaluated as Prometheus evaluates them (rules/alerting.go Eval): at every
 * evaluation of the group, each element of the expression's result is active; an element
 * active for `for` fires; one that is no longer in the result resolves, unless it fired and
 * `keep_firing_for` has not passed since it was last seen. Evaluations fall on multiples of
 * the group's interval (docs/configuration/alerting_rules.md).
 */
export class AlertRules {
  private readonly instances = new Map<string, Map<string, Instance>>();

  constructor(
    private readonly rules: readonly AlertSpec[],
    private readonly store: SeriesStore,
    private readonly note: (text: string) => void,
  ) {
    for (const r of rules) this.instances.set(r.name, new Map());
  }

  /** Evaluates the rules due at this second. */
  poll(nowMs: number): void {
    for (const rule of this.rules) {
      if (nowMs % rule.everyMs !== 0) continue;
      this.evaluateRule(rule, nowMs);
    }
  }

  /** Whether an alert of this name fires now. */
  firing(name: string): boolean {
    return [...(this.instances.get(name)?.values() ?? [])].some((i) => i.firing);
  }

  /** An alert as a page reads: its name, summary and runbook. */
  describe(name: string): string {
    const rule = this.rules.find((r) => r.name === name);
    const about = [rule?.summary, rule?.runbook && `runbook ${rule.runbook}`].filter((x) => x);
    return about.length > 0 ? `${name} (${about.join('; ')})` : name;
  }

  names(): string[] {
    return this.rules.map((r) => r.name);
  }

  private evaluateRule(rule: AlertSpec, nowMs: number): void {
    const instances = this.instances.get(rule.name)!;
    let samples: Sample[];
    try {
      const result = evaluate(rule.query.expr, this.store);
      samples = result.type === 'vector' ? result.samples : [];
    } catch (e) {
      this.note(`alert ${rule.name}: the query failed: ${(e as Error).message}`);
      return;
    }
    const seen = new Set<string>();
    for (const s of samples) {
      const key = JSON.stringify(Object.entries(s.labels).sort());
      seen.add(key);
      let i = instances.get(key);
      if (!i) instances.set(key, (i = { activeAtMs: nowMs, lastSeenMs: nowMs, firing: false }));
      i.lastSeenMs = nowMs;
      if (!i.firing && nowMs - i.activeAtMs >= rule.forMs) {
        i.firing = true;
        const runbook = rule.runbook ? ` (runbook: ${rule.runbook})` : '';
        this.note(`alert ${rule.name} fires at ${formatClock(nowMs)}${rule.forMs > 0 ? `, active since ${formatClock(i.activeAtMs)} (for: ${formatDuration(rule.forMs)})` : ''}: ${rule.summary ?? rule.query.text}${runbook}`);
      }
    }
    for (const [key, i] of instances) {
      if (seen.has(key)) continue;
      if (i.firing && rule.keepFiringForMs > 0 && nowMs - i.lastSeenMs < rule.keepFiringForMs) continue;
      instances.delete(key);
      if (i.firing) this.note(`alert ${rule.name} resolved at ${formatClock(nowMs)}`);
    }
  }
}
