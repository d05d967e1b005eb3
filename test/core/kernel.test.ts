import { describe, expect, it } from 'vitest';
import { Kernel, MAX_EVENTS_PER_INSTANT } from '../../src/core/kernel.js';

describe('Kernel', () => {
  it('runs the tasks due, in time order, and sets the clock to the time asked', () => {
    const kernel = new Kernel();
    const ran: string[] = [];
    kernel.at(2000, () => ran.push('b'));
    kernel.at(1000, () => ran.push('a'));
    kernel.at(5000, () => ran.push('late'));
    kernel.runUntil(3000);
    expect(ran).toEqual(['a', 'b']);
    expect(kernel.now).toBe(3000);
  });

  it('stops a task that reschedules itself at +0 ms with an error naming it, instead of spinning forever', () => {
    const kernel = new Kernel();
    const pollAgain = (): void => kernel.after(0, pollAgain);
    kernel.at(1000, pollAgain);
    expect(() => kernel.runUntil(2000)).toThrow(new RegExp(`more than ${MAX_EVENTS_PER_INSTANT} events at 1000 ms of simulated time: task 'pollAgain' keeps rescheduling itself`));
  });

  it('lets an instant hold many events, and the next instant as many again', () => {
    const kernel = new Kernel();
    let ran = 0;
    for (const t of [1000, 2000]) for (let i = 0; i < MAX_EVENTS_PER_INSTANT / 2; i++) kernel.at(t, () => ran++);
    kernel.runUntil(2000);
    expect(ran).toBe(MAX_EVENTS_PER_INSTANT);
  });
});
