import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/core/drill.js';
import { parseCommand, type Command } from '../../src/core/commands.js';
import { scenario } from '../helpers.js';

const command = (text: string): Command => parseCommand(text) as Command;
const canaryWeight = (d: Drill): number => d.world.routes.find((r) => r.name === 'canary')!.weight;

describe("a progressive release's schedule", () => {
  it('moves the canary 1% -> 10% on its own', () => {
    const d = new Drill(scenario('recommender-canary').spec, 1);
    d.advance(3 * 60_000 + 10_000);
    expect(canaryWeight(d)).toBeCloseTo(0.1, 9);
  });

  it('stops once someone sets the canary weight by hand: whoever set it keeps it', () => {
    const d = new Drill(scenario('recommender-canary').spec, 1);
    d.advance(65_000);
    d.submit(command('canary 5'), 'team');
    d.advance(3 * 60_000);
    expect(canaryWeight(d)).toBeCloseTo(0.05, 9);
    expect(d.world.log.some((e) => e.text.includes("its schedule stops, the canary's weight is set by hand"))).toBe(true);
  });
});
