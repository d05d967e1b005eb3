import { describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../src/core/actions/action.js';
import { parseCommand } from '../../src/core/commands.js';
import { Drill } from '../../src/core/drill.js';
import type { Scenario } from '../../src/formats/scenario.js';
import { LIBRARY } from '../drill-cases.js';
import { scenario } from '../helpers.js';

/**
 * A facilitator's inject must change something the team can see, through the world's own
 * mechanisms: fired at a moment a facilitator would choose, a metric moves, pods change, a
 * version changes, a table goes, an agent acts or is stopped. Each case compares with the same
 * drill (same seed, same commands) without the inject, so what moved was the inject's doing.
 */

const SEEDS = [1, 2, 3];
/** Longest a command is waited for: a restore from an offsite export takes half an hour. */
const ACTION_LIMIT_MS = 45 * 60_000;

class Run {
  readonly drill: Drill;

  constructor(
    readonly scenario: Scenario,
    seed: number,
  ) {
    this.drill = new Drill(scenario.spec, seed);
  }

  advance(ms: number): this {
    this.drill.advance(ms);
    return this;
  }

  /** Runs until the first alert (or the team's declare, for scenarios nothing alerts on). */
  untilDetected(): this {
    while (this.drill.tracker.detectMs === undefined && !this.drill.done) this.drill.advance(1000);
    expect(this.drill.tracker.detectMs, 'detection').toBeDefined();
    return this;
  }

  /** Submits a command at the current second and returns at once. */
  submit(text: string): ActionRecord {
    const parsed = parseCommand(text);
    if ('error' in parsed) throw new Error(parsed.error);
    return this.drill.submit(parsed, 'team');
  }

  /** Submits a command and lets the world run until it has finished. */
  perform(text: string): ActionRecord {
    const record = this.submit(text);
    const until = this.drill.now + ACTION_LIMIT_MS;
    while (record.status === 'running' && !this.drill.done && this.drill.now < until) this.drill.advance(1000);
    return record;
  }

  fire(id: string): this {
    const inject = this.scenario.meta.injects.find((i) => i.id === id);
    if (!inject) throw new Error(`${this.scenario.meta.id} has no inject ${id}`);
    this.drill.inject(inject.fault);
    return this;
  }

  /** A metric over the last `windowS` seconds of all traffic (or one route). */
  metric(name: string, windowS = 60, scope = 'all'): number {
    return this.drill.world.metrics.get(scope, name).value(windowS);
  }

  version(component: string): string {
    return this.drill.world.versionOf(component);
  }

  pods(): { crashloop: number; pending: number } {
    return this.drill.world.fleet.summary(this.scenario.spec.traffic.deployment!);
  }

  table(database: string, table: string): boolean {
    return this.drill.world.databases.get(database)!.tables.find((t) => t.name === table)!.present;
  }

  agentRuns(): { blocked: string | null }[] {
    return this.drill.world.agentRuns;
  }

  logged(pattern: RegExp): boolean {
    return this.drill.world.log.some((l) => pattern.test(l.text));
  }
}

/**
 * One check per inject: given a fresh drill (`run()`) per call, fire the inject at a plausible
 * moment and pin what the world did. `run` takes the same seed each time: a control drill
 * without the inject sees the same traffic.
 */
type Check = (run: () => Run) => void;

const CASES: Record<string, Record<string, Check>> = {
  'payment-schema-rollback': {
    'teammate-code-rollback': (run) => {
      const r = run().untilDetected().fire('teammate-code-rollback').advance(2 * 60_000);
      // No slot is free and the rollout may not go unavailable: the teammate's new pods wait.
      expect(r.pods().pending).toBeGreaterThan(0);
      expect(run().untilDetected().advance(2 * 60_000).pods().pending).toBe(0);
    },
    'lunchtime-peak': (run) => {
      // The peak alone fits the pool; a rollout that takes a quarter of the pods away does not,
      // and the retries of what fails keep it saturated.
      const rollback = (inject: boolean, maxUnavailable?: string): Run => {
        const r = run().untilDetected();
        if (inject) r.fire('lunchtime-peak');
        if (maxUnavailable) r.submit(`rollback-release --max-unavailable ${maxUnavailable}`);
        return r.advance(6 * 60_000);
      };
      expect(rollback(true).metric('errorRate')).toBeLessThan(0.1);
      expect(rollback(true, '25%').metric('errorRate')).toBeGreaterThan(0.5);
      expect(rollback(false, '25%').metric('errorRate')).toBeLessThan(0.01);
      expect(rollback(true, '10%').metric('errorRate')).toBeLessThan(0.01);
    },
  },
  'model-feature-skew': {
    'ranker-rolled-back-alone': (run) => {
      const r = run().untilDetected().fire('ranker-rolled-back-alone').advance(2 * 60_000);
      expect(r.version('ranker')).toBe('ranker-2025-09');
      // Quality collapses with no error: the silent half of a partial rollback.
      expect(r.metric('quality', 30)).toBeLessThan(0.8);
      expect(r.metric('errorRate', 30)).toBeLessThan(0.01);
      expect(run().untilDetected().advance(2 * 60_000).metric('quality', 30)).toBeGreaterThan(0.9);
    },
  },
  'batched-change-rollback': {
    'routing-reverted-alone': (run) => {
      // Reverted in place under load: the balancer resets the connections it routes while it changes...
      const r = run().untilDetected().fire('routing-reverted-alone').advance(75_000);
      expect(r.version('lb-routing')).toBe('v1');
      expect(r.version('conn-pool')).toBe('size-10');
      expect(r.metric('errorRate', 15)).toBeGreaterThan(0.2);
      expect(run().untilDetected().advance(75_000).metric('errorRate', 15)).toBeLessThan(0.05);
      // ...and then routing v1 works with the small pool: the bottleneck is gone.
      expect(r.advance(3 * 60_000).metric('latencyP99Ms', 30)).toBeLessThan(800);
    },
  },
  'shared-timeout-budget': {
    'tts-provider-slowdown': (run) => {
      const flipped = (inject: boolean, ...more: string[]): Run => {
        const r = run().untilDetected();
        if (inject) r.fire('tts-provider-slowdown');
        r.perform('rollback tts-config');
        for (const c of more) r.perform(c);
        return r.advance(4 * 60_000);
      };
      const slo = 0.03;
      expect(flipped(false).metric('errorRate', 120)).toBeLessThan(slo);
      // The pointer flip no longer suffices, and a fallback on the shared budget starts with nothing left...
      expect(flipped(true).metric('errorRate', 120)).toBeGreaterThan(slo);
      expect(flipped(true, 'fallback on').metric('errorRate', 120)).toBeGreaterThan(slo);
      // ...while a fallback with a budget of its own catches what times out.
      expect(flipped(true, 'set tts-service.fallbackBudget own', 'fallback on').metric('errorRate', 120)).toBeLessThan(slo);
    },
  },
  'memory-schema-non-additive': {
    'teammate-rolls-back-chat-api': (run) => {
      const r = run().untilDetected().fire('teammate-rolls-back-chat-api').advance(3 * 60_000);
      expect(r.version('chat-api')).toBe('1.9');
      expect(r.metric('errorRate')).toBeGreaterThan(0.02);
      expect(run().untilDetected().advance(3 * 60_000).metric('errorRate')).toBeLessThan(0.01);
    },
  },
  'mislabelled-training-data': {
    'promotion-job-redeploys': (run) => {
      const r = run().untilDetected();
      expect(r.perform('rollback-release').status).toBe('done');
      r.fire('promotion-job-redeploys').advance(2 * 60_000);
      expect(r.version('fraud-model')).toBe('fraud-v42');
      expect(r.metric('falsePositives')).toBeGreaterThan(0.02);
      const frozen = run().untilDetected();
      frozen.perform('freeze');
      frozen.perform('rollback-release');
      frozen.fire('promotion-job-redeploys').advance(60_000);
      expect(frozen.version('fraud-model')).toBe('fraud-v41');
      expect(frozen.metric('falsePositives')).toBeLessThan(0.02);
    },
    'holiday-peak': (run) => {
      const r = run().untilDetected().fire('holiday-peak').advance(2 * 60_000);
      const calm = run().untilDetected().advance(2 * 60_000);
      expect(r.metric('rps')).toBeGreaterThan(2.5 * calm.metric('rps'));
    },
  },
  'prompt-injection': {
    'exfiltration-pivot': (run) => {
      const contained = (inject: boolean): Run => {
        const r = run().untilDetected();
        if (inject) r.fire('exfiltration-pivot');
        r.perform('flag refund-tool off');
        return r.advance(2 * 60_000);
      };
      // The flag stops the refunds but not the new attack: only the guarded prompt does.
      expect(contained(false).metric('policyViolations')).toBeLessThan(0.005);
      const r = contained(true);
      expect(r.metric('policyViolations')).toBeGreaterThan(0.005);
      const leaks = (): number => [...r.drill.tracker.sideEffects.values()].filter((t) => t.kind === 'data-disclosure').reduce((n, t) => n + t.count, 0);
      const before = leaks();
      r.advance(60_000);
      expect(leaks()).toBeGreaterThan(before);
      r.perform('rollback agent-prompt');
      expect(r.advance(2 * 60_000).metric('policyViolations')).toBeLessThan(0.005);
    },
  },
  'prompt-template-regression': {
    'v12-republished': (run) => {
      const r = run().untilDetected();
      expect(r.perform('rollback prompt-template').status).toBe('done');
      r.advance(30_000).fire('v12-republished').advance(90_000);
      expect(r.version('prompt-template')).toBe('v12');
      expect(r.metric('quality', 30)).toBeLessThan(0.9);
    },
  },
  'agent-drop-table': {
    'agent-retries': (run) => {
      expect(run().untilDetected().fire('agent-retries').table('crm-db', 'companies')).toBe(false);
      const revoked = run().untilDetected();
      revoked.perform('revoke coding-agent');
      revoked.fire('agent-retries');
      expect(revoked.table('crm-db', 'companies')).toBe(true);
      expect(revoked.agentRuns().at(-1)!.blocked).toMatch(/revoked/);
    },
  },
  'agent-drop-table-soft-delete': {
    'agent-retries': (run) => {
      const r = run().untilDetected().fire('agent-retries');
      expect(r.table('crm-db', 'companies')).toBe(false);
      r.perform('revoke coding-agent');
      expect(r.perform('undelete crm-db').status).toBe('done');
      expect(r.table('crm-db', 'companies')).toBe(true);
      expect(r.table('crm-db', 'executives')).toBe(true);
    },
  },
  'terraform-destroy': {
    'deadline-rush': (run) => {
      const r = run().untilDetected().fire('deadline-rush').advance(2 * 60_000);
      const calm = run().untilDetected().advance(2 * 60_000);
      expect(r.metric('rps')).toBeGreaterThan(2.5 * calm.metric('rps'));
      expect(r.drill.tracker.usersAffected).toBeGreaterThan(calm.drill.tracker.usersAffected);
    },
  },
  'terraform-destroy-remote-state': {
    'agent-retries-destroy': (run) => {
      const r = run().advance(3 * 60_000).fire('agent-retries-destroy');
      expect(r.agentRuns().map((a) => a.blocked)).toEqual([expect.stringMatching(/remote versioned state/), expect.stringMatching(/remote versioned state/)]);
      expect(r.drill.world.databases.get('courses-db')!.state).toBe('up');
      const revoked = run().advance(3 * 60_000);
      revoked.perform('revoke infra-agent');
      expect(revoked.fire('agent-retries-destroy').agentRuns().at(-1)!.blocked).toMatch(/revoked/);
    },
  },
  'token-deletes-volume': {
    'agent-resumes-cleanup': (run) => {
      const restored = (revoke: boolean): Run => {
        const r = run().untilDetected();
        if (revoke) r.perform('revoke cleanup-agent');
        expect(r.perform('restore bookings-db --from quarterly-export').status).toBe('done');
        return r.fire('agent-resumes-cleanup');
      };
      // A token nobody revoked deletes the restored database a second time.
      expect(restored(false).drill.world.databases.get('bookings-db')!.state).toBe('deleted');
      expect(restored(true).drill.world.databases.get('bookings-db')!.state).toBe('up');
    },
  },
  'token-deletes-volume-least-privilege': {
    'agent-resumes-cleanup': (run) => {
      const r = run().advance(3 * 60_000).fire('agent-resumes-cleanup').advance(60_000);
      expect(r.agentRuns()).toHaveLength(2);
      expect(r.agentRuns().at(-1)!.blocked).toMatch(/least privilege/);
      expect(r.drill.world.databases.get('bookings-db')!.state).toBe('up');
      expect(r.metric('errorRate')).toBeLessThan(0.01);
    },
  },
  'silent-provider-update': {
    'retire-old-version': (run) => {
      const pinned = run().advance(5 * 60_000);
      expect(pinned.perform('pin assistant-llm gpt-4o-2024-11-20').status).toBe('done');
      pinned.fire('retire-old-version').advance(60_000);
      expect(pinned.metric('errorRate')).toBeGreaterThan(0.9);
      const late = run().advance(5 * 60_000).fire('retire-old-version');
      expect(late.perform('pin assistant-llm gpt-4o-2024-11-20').reason).toMatch(/retired/);
    },
    'provider-moves-alias-back': (run) => {
      const r = run().advance(5 * 60_000);
      expect(r.metric('sycophancy')).toBeGreaterThan(0.2);
      r.fire('provider-moves-alias-back').advance(2 * 60_000);
      expect(r.metric('sycophancy')).toBeLessThan(0.05);
    },
  },
  'bias-emergence': {
    'new-job-board': (run) => {
      const r = run().advance(3 * 60_000).fire('new-job-board').advance(3 * 60_000);
      const calm = run().advance(6 * 60_000);
      expect(r.metric('parityGap', 120)).toBeGreaterThan(calm.metric('parityGap', 120) + 0.04);
      // Accuracy still looks fine: nothing on the team's dashboard moves.
      expect(r.metric('quality', 120)).toBeGreaterThan(0.88);
    },
  },
  'chatbot-sentiment': {
    'product-recall': (run) => {
      const rolledBack = (inject: boolean): Run => {
        const r = run().advance(3 * 60_000);
        if (inject) r.fire('product-recall');
        r.perform('rollback-release');
        return r.advance(2 * 60_000);
      };
      expect(rolledBack(false).metric('sentiment')).toBeGreaterThan(0);
      expect(rolledBack(true).metric('sentiment')).toBeLessThan(0);
    },
  },
  'diagnostic-false-negatives': {
    'screening-clinic-rush': (run) => {
      const r = run().advance(2 * 60_000).fire('screening-clinic-rush').advance(2 * 60_000);
      expect(r.metric('latencyP99Ms')).toBeGreaterThan(300);
      expect(run().advance(4 * 60_000).metric('latencyP99Ms')).toBeLessThan(300);
    },
  },
  'latency-spike': {
    'flash-sale': (run) => {
      const switched = (inject: boolean): Run => {
        const r = run().untilDetected();
        if (inject) r.fire('flash-sale');
        r.perform('switch stable blue');
        return r.advance(3 * 60_000);
      };
      // The standby runs at low capacity: a minute after the switch it is still scaling up...
      const early = run().untilDetected();
      early.perform('switch stable blue');
      expect(early.advance(30_000).metric('errorRate', 20)).toBeGreaterThan(0.2);
      // ...then, at the live fleet's size, it carries the average load within budget.
      expect(switched(false).metric('latencyP99Ms', 30)).toBeLessThan(250);
      // Sized for the average, not the peak: at the flash sale it saturates too.
      expect(switched(true).metric('errorRate', 30)).toBeGreaterThan(0.5);
    },
  },
  'loan-approval-drop': {
    'campaign-surge': (run) => {
      const r = run().advance(2 * 60_000).fire('campaign-surge').advance(2 * 60_000);
      const calm = run().advance(4 * 60_000);
      expect(r.metric('rps')).toBeGreaterThan(1.7 * calm.metric('rps'));
      // The answer to the facilitator's question: the latency trigger still sees nothing.
      expect(r.metric('latencyP99Ms')).toBeLessThan(300);
    },
  },
  'model-drift': {
    snowstorm: (run) => {
      const r = run().advance(10 * 60_000).fire('snowstorm').advance(10 * 60_000);
      const calm = run().advance(20 * 60_000);
      expect(r.metric('quality', 300)).toBeLessThan(calm.metric('quality', 300) - 0.05);
    },
  },
  'recommender-big-bang': {
    'traffic-surge': (run) => {
      const r = run().advance(3 * 60_000).fire('traffic-surge').advance(2 * 60_000);
      const calm = run().advance(5 * 60_000);
      expect(r.metric('rps')).toBeGreaterThan(2.5 * calm.metric('rps'));
      expect(r.drill.tracker.usersAffected).toBeGreaterThan(calm.drill.tracker.usersAffected);
    },
  },
  'recommender-canary': {
    'traffic-surge': (run) => {
      const r = run().advance(4 * 60_000).fire('traffic-surge').advance(2 * 60_000);
      const calm = run().advance(6 * 60_000);
      expect(r.metric('rps', 60, 'canary')).toBeGreaterThan(2.5 * calm.metric('rps', 60, 'canary'));
      expect(r.drill.tracker.usersAffected).toBeGreaterThan(calm.drill.tracker.usersAffected);
    },
  },
  'transient-spike': {
    'second-blip': (run) => {
      const r = run().advance(7 * 60_000).fire('second-blip').advance(60_000);
      expect(r.metric('errorRate', 30)).toBeGreaterThan(0.05);
      // It heals by itself, as the first one did.
      expect(r.advance(3 * 60_000).metric('errorRate', 30)).toBeLessThan(0.01);
    },
  },
};

describe('facilitator injects', () => {
  it('every scenario has at least one, and every one is fired by a case below', () => {
    for (const id of LIBRARY) {
      const injects = scenario(id).meta.injects.map((i) => i.id);
      expect(injects.length, `${id} has no inject`).toBeGreaterThan(0);
      expect(Object.keys(CASES[id] ?? {}).sort(), `${id}: add a case for each inject`).toEqual([...injects].sort());
    }
  });

  for (const [id, checks] of Object.entries(CASES)) {
    for (const [inject, check] of Object.entries(checks)) {
      it(`${id}: ${inject} moves the world, seeds ${SEEDS.join(', ')}`, () => {
        const s = scenario(id);
        for (const seed of SEEDS) check(() => new Run(s, seed));
      }, 60_000);
    }
  }
});
