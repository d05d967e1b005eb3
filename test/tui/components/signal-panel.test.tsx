import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Drill } from '../../../src/core/drill.js';
import { DrillView, RECENT_TICKS, type MetricView } from '../../../src/core/snapshot.js';
import { scaleTop, SignalPanel } from '../../../src/tui/components/SignalPanel.js';
import { sparkline } from '../../../src/tui/format.js';
import { makeTheme } from '../../../src/tui/theme.js';
import { scenario } from '../../helpers.js';

const theme = makeTheme(false, false);

function snapshotAt(id: string, atMs: number) {
  const drill = new Drill(scenario(id).spec, 1);
  const view = new DrillView(drill);
  drill.advance(atMs);
  return view.snapshot();
}

function panel(id: string, atMs: number, width = 80): string[] {
  const app = render(<SignalPanel snapshot={snapshotAt(id, atMs)} width={width} theme={theme} boxed={false} />);
  const lines = app.lastFrame()!.split('\n');
  app.unmount();
  return lines;
}

describe('the signals panel', () => {
  it("gives each signal's line every route's value while a canary carries users, within 80 columns", () => {
    const lines = panel('recommender-canary', 240_000);
    const accuracy = lines.find((l) => l.startsWith(' accuracy'))!;
    expect(accuracy).toMatch(/ ≥ 80\.0% ✓ +stable \d+\.\d% · canary \d+\.\d%✗$/);
    expect(lines.find((l) => l.startsWith(' inappropriate'))).toMatch(/stable \d\.\d\d% · canary \d\.\d\d%✗$/);
    expect(lines[0]).toMatch(/by route/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('shows no route values while one route serves everyone', () => {
    const lines = panel('recommender-canary', 30_000);
    expect(lines.join('\n')).not.toMatch(/stable|canary|by route/);
  });

  it('writes a rate by its unit even when it reads zero', () => {
    const s = snapshotAt('recommender-canary', 30_000);
    const inappropriate = s.metrics.find((m) => m.name === 'inappropriate')!;
    inappropriate.recent[RECENT_TICKS - 1] = 0;
    const app = render(<SignalPanel snapshot={s} width={80} theme={theme} boxed={false} />);
    expect(app.lastFrame()!.split('\n').find((l) => l.startsWith(' inappropriate'))).toMatch(/ 0\.00% +≤ 0\.50% ✓/);
    app.unmount();
  });

  it('has no load line where nothing bounds capacity, and one where pods do', () => {
    expect(panel('recommender-canary', 60_000).join('\n')).not.toMatch(/load|capacity/);
    expect(panel('payment-schema-rollback', 30_000).join('\n')).toMatch(/load \d+ req\/s against a capacity of \d+ req\/s/);
  });

  it('keeps a healthy system low on its error sparkline, far below the SLO line', () => {
    for (const id of ['prompt-template-regression', 'loan-approval-drop', 'recommender-canary']) {
      const errors = snapshotAt(id, 55_000).metrics.find((m) => m.name === 'errorRate')!;
      const line = sparkline(errors.recent, 40, scaleTop(errors));
      expect(line, id).toMatch(/^[▁▂]+$/);
    }
  });

  it('scales a sparkline to at least one and a half times its SLO line, or its healthy baseline without one', () => {
    const metric = (over: Partial<MetricView>): MetricView => ({ name: 'm', unit: 'ms', windowMs: 10_000, recent: [100, 120, 110], breaking: false, ...over });
    expect(scaleTop(metric({ sloMax: 300 }))).toBe(450);
    expect(scaleTop(metric({ baseline: 200 }))).toBe(300);
    expect(scaleTop(metric({ sloMax: 50 }))).toBe(120);
    expect(scaleTop(metric({}))).toBe(120);
  });
});
