import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Drill } from '../../../src/core/drill.js';
import { DrillView } from '../../../src/core/snapshot.js';
import { LayerPanel, routeText, versionText } from '../../../src/tui/components/LayerPanel.js';
import { makeTheme } from '../../../src/tui/theme.js';
import { scenario } from '../../helpers.js';

describe('the layers panel', () => {
  it("shows on the release line the version each route serves, as a rollout controller lists stable and canary", () => {
    const drill = new Drill(scenario('recommender-canary').spec, 1);
    const view = new DrillView(drill);
    drill.advance(240_000);
    const app = render(<LayerPanel snapshot={view.snapshot()} width={80} theme={makeTheme(false, false)} boxed={false} />);
    expect(app.lastFrame()).toContain('release r8 · stable 90% recs-2025-10 · canary 10% recs-2025-12');
    app.unmount();
  });

  it('names the versions pods still serve before the one a rollout is taking a component to', () => {
    const drill = new Drill(scenario('payment-schema-rollback').spec, 1);
    const view = new DrillView(drill);
    drill.advance(10_000);
    drill.submit({ verb: 'rollback', args: ['payment-api'], options: { 'max-unavailable': '25%' } }, 'team');
    drill.advance(20_000);
    const api = view.snapshot().layers.flatMap((l) => l.components).find((c) => c.id === 'payment-api')!;
    expect(api.version).toBe('2.14');
    expect(versionText(api)).toBe('2.15→2.14');
    const app = render(<LayerPanel snapshot={view.snapshot()} width={100} theme={makeTheme(false, false)} boxed={false} />);
    expect(app.lastFrame()).toMatch(/payment-api +2\.15→2\.14 /);
    app.unmount();
  });

  it('names each component where routes differ in several, and the environment where they differ in that', () => {
    const route = { name: 'preview', weightPct: 20, track: 'blue', versions: [{ component: 'api', version: '1' }, { component: 'prompt', version: 'v2' }] };
    expect(routeText(route, true)).toBe('preview 20%→blue api 1, prompt v2');
    expect(routeText({ ...route, versions: [] }, false)).toBe('preview 20%');
  });
});
