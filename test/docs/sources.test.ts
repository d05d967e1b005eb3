import { describe, expect, it } from 'vitest';
import { describeTolerance, runFigure, SOURCE_FIGURES, type FigureResult } from './source-figures.js';

/** The table as scenarios/SOURCES.md shows it: each figure of the articles beside the simulated one. */
function table(results: FigureResult[]): string {
  const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const rows = results.map(({ figure: f, value, within }) => {
    const drill = `${f.drill.scenario}, ${f.drill.byHand ? 'by hand: ' : ''}${f.drill.playbook}, ${f.drill.seeds === 1 ? 'seed 1' : `median of seeds 1-${f.drill.seeds}`}${f.drill.horizonMs ? `, horizon ${f.show(f.drill.horizonMs)}` : ''}`;
    const verdict = f.gap ? `not reproduced: ${f.gap}` : within ? (f.input ? `reproduced; ${f.input}` : 'reproduced') : 'OUT OF TOLERANCE';
    return `| ${cell(f.claim)} | ${cell(drill)}: ${cell(f.measure)} | ${cell(describeTolerance(f))} | ${cell(f.show(value))} | ${cell(verdict)} |`;
  });
  return [
    '# The sources as a test',
    '',
    'Every figure the two source articles give for an incident the library replays, the drill that',
    'reproduces it, how close it must come, and what the drill gives. `test/docs/sources.test.ts`',
    'runs each drill and writes this file; a figure that drifts out of its tolerance fails the test.',
    'Where the scenario takes a figure as an input, the row says so: the drill then shows that the',
    "world's mechanisms carry it through. Where the simulation does not reproduce a figure, the row",
    'says why.',
    '',
    '| the article says | scenario, drill: measured as | tolerance | simulated | |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

describe('the figures of the source articles', () => {
  const results = SOURCE_FIGURES.map((f) => ({ f, result: () => runFigure(f) }));
  const done: FigureResult[] = [];

  it.each(results.map(({ f, result }) => ({ claim: f.claim, f, result })))('$claim', ({ f, result }) => {
    const r = result();
    done.push(r);
    if (f.gap) {
      // A gap stays a gap until the simulation closes it: then the row must say reproduced.
      expect(r.within, `${f.claim}: now within tolerance (${f.show(r.value)}); drop its gap`).toBe(false);
    } else {
      expect(r.within, `${f.claim}: simulated ${f.show(r.value)}, expected ${describeTolerance(f)}`).toBe(true);
    }
  }, 120_000);

  it('are tabled with the simulated figure beside each in scenarios/SOURCES.md', async () => {
    expect(done.length).toBe(SOURCE_FIGURES.length);
    await expect(table(done)).toMatchFileSnapshot('../../scenarios/SOURCES.md');
  });
});
