import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { barLine, type Status } from '../../../src/cli/sweep/progress.js';

const status: Status = { count: '2051/4800 drills', percent: ' (42%)', missed: ', 200 missed so far', elapsed: ', 0:05 elapsed', left: ', about 0:06 left' };

describe('the progress bar of a sweep on a terminal', () => {
  it('stays narrower than the terminal at any width, so that a redraw never leaves a line behind', () => {
    for (let columns = 10; columns <= 200; columns++) expect(stringWidth(barLine('firedrill run', 0.42, status, columns))).toBeLessThan(columns);
  });

  it('gives up the elapsed time, then width of the bar, the bar itself, the time left and the misses, before it cuts words', () => {
    expect(barLine('firedrill run', 0.5, status, 120)).toBe('firedrill run ██████████████░░░░░░░░░░░░░░ 2051/4800 drills, 200 missed so far, 0:05 elapsed, about 0:06 left');
    expect(barLine('firedrill run', 0.5, status, 80)).toBe('firedrill run ██████░░░░░░ 2051/4800 drills, 200 missed so far, about 0:06 left');
    expect(barLine('firedrill run', 0.5, status, 73)).toBe('firedrill run 2051/4800 drills (42%), 200 missed so far, about 0:06 left');
    expect(barLine('firedrill run', 0.5, status, 70)).toBe('firedrill run 2051/4800 drills (42%), 200 missed so far');
    expect(barLine('firedrill run', 0.5, status, 40)).toBe('firedrill run 2051/4800 drills (42%)');
    expect(barLine('firedrill run', 0.5, status, 20)).toBe('firedrill run 2051/');
  });
});
